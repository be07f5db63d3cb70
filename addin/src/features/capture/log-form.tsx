// The choices of the one primary action: a note, an opportunity, a follow-up date and who sees it. The button
// that submits it lives in the pane's sticky action bar (form="suhde-log-form"), so it is never below the fold.
// Joining a colleague's log offers only what joining changes: your note and follow-up (and an opportunity while it
// has none); its visibility belongs to those who hold it.
import { Field, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n } from '../../../../web-shared/src/index.ts';
import { DateField } from '../common/date-field.tsx';
import type { LogChoices } from './log-request.ts';

export interface OpportunityChoice {
  id: string;
  name: string;
  accountId: string;
}

export const LOG_FORM_ID = 'suhde-log-form';
export const VISIBILITY_CHOICES = ['shared', 'metadata', 'private'] as const;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function LogForm({ opportunities, initial, join, onLog }: {
  opportunities: OpportunityChoice[];
  initial?: Partial<LogChoices>;
  /** Joining an interaction a colleague logged: its visibility stays as it is. */
  join?: { visibility: LogChoices['visibility']; hasOpportunity: boolean };
  onLog: (choices: LogChoices) => void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  const [note, setNote] = useState(initial?.note ?? '');
  const [opportunityId, setOpportunityId] = useState(initial?.opportunityId ?? '');
  const [followUp, setFollowUp] = useState('');
  const [visibility, setVisibility] = useState<LogChoices['visibility']>(initial?.visibility ?? 'shared');
  const submit = () => {
    onLog({ note: note.trim() || null, opportunityId: opportunityId || null, visibility: join?.visibility ?? visibility, followUpOn: followUp || null });
  };
  return (
    <form id={LOG_FORM_ID} className={s.form} aria-label={t('section.log')} onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <Field label={join ? t('log.yourNote') : t('log.note')}>
        <Textarea value={note} placeholder={t('log.notePlaceholder')} resize="vertical" rows={2} onChange={(_, d) => setNote(d.value)} />
      </Field>
      {opportunities.length > 0 && !join?.hasOpportunity && (
        <Field label={t('log.opportunity')}>
          <Select value={opportunityId} onChange={(_, d) => setOpportunityId(d.value)}>
            <option value="">{t('log.noOpportunity')}</option>
            {opportunities.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </Select>
        </Field>
      )}
      <DateField label={t('log.followUp')} hint={t('log.followUpHint')} value={followUp} onChange={setFollowUp} />
      {!join && (
        <Field label={t('log.visibility')}>
          <Select value={visibility} onChange={(_, d) => setVisibility(d.value as LogChoices['visibility'])}>
            {VISIBILITY_CHOICES.map((v) => <option key={v} value={v}>{t(`visibility.${v}`)}</option>)}
          </Select>
        </Field>
      )}
    </form>
  );
}
