// The one primary action: log the email or meeting to its account(s), with an optional note, opportunity,
// follow-up date and visibility.
import { Button, Field, Input, Select, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n } from '../../../../web-shared/src/index.ts';
import type { LogChoices } from './log-request.ts';

export interface OpportunityChoice {
  id: string;
  name: string;
  accountId: string;
}

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function LogForm({ kind, opportunities, busy, initial, onLog }: {
  kind: 'email' | 'meeting';
  opportunities: OpportunityChoice[];
  busy: boolean;
  initial?: Partial<LogChoices>;
  onLog: (choices: LogChoices) => void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  const [note, setNote] = useState(initial?.note ?? '');
  const [opportunityId, setOpportunityId] = useState(initial?.opportunityId ?? '');
  const [followUp, setFollowUp] = useState('');
  const [visibility, setVisibility] = useState<LogChoices['visibility']>(initial?.visibility ?? 'shared');
  const submit = () => {
    onLog({ note: note.trim() || null, opportunityId: opportunityId || null, visibility, followUpOn: followUp || null });
  };
  return (
    <form className={s.form} aria-label={t('section.log')} onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <Field label={t('log.note')}>
        <Textarea value={note} placeholder={t('log.notePlaceholder')} resize="vertical" onChange={(_, d) => setNote(d.value)} />
      </Field>
      {opportunities.length > 0 && (
        <Field label={t('log.opportunity')}>
          <Select value={opportunityId} onChange={(_, d) => setOpportunityId(d.value)}>
            <option value="">{t('log.noOpportunity')}</option>
            {opportunities.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </Select>
        </Field>
      )}
      <Field label={t('log.followUp')} hint={t('log.followUpHint')}>
        <Input type="date" value={followUp} onChange={(_, d) => setFollowUp(d.value)} />
      </Field>
      <Field label={t('log.visibility')}>
        <Select value={visibility} onChange={(_, d) => setVisibility(d.value as LogChoices['visibility'])}>
          {(['shared', 'metadata', 'private'] as const).map((v) => <option key={v} value={v}>{t(`visibility.${v}`)}</option>)}
        </Select>
      </Field>
      <Button type="submit" appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
        {busy ? t('log.logging') : t(kind === 'email' ? 'log.emailButton' : 'log.meetingButton')}
      </Button>
    </form>
  );
}
