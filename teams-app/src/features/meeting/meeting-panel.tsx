// The meeting side panel: the account the tab was set up for (and the other accounts the meeting belongs to),
// and notes taken during the call, saved on the meeting's interaction in the account's history. The meeting
// is the account's meeting closest to now (synced from calendars or logged from Outlook); without one the
// notes become a note on the account.
import { useState } from 'react';
import { Body1, Button, Caption1, Field, MessageBar, MessageBarBody, Text, Textarea, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { AccountCard, ErrorState, LoadingState, unwrap, useAsync, useI18n, type Account, type Interaction } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { AccountPicker, type PickedAccount } from '../common/account-picker.tsx';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../common/form-errors.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '32rem' },
});

const HOUR = 3_600_000;

/** The meeting happening now, about to start, or just over: the one nearest to now within a few hours. */
export function currentMeeting<T extends { kind: string; occurredAt: number; durationMinutes: number | null }>(items: T[], now: number): T | null {
  const candidates = items.filter((i) => i.kind === 'meeting' && i.occurredAt - now <= HOUR && now - (i.occurredAt + (i.durationMinutes ?? 60) * 60_000) <= 2 * HOUR);
  return candidates.sort((a, b) => Math.abs(a.occurredAt - now) - Math.abs(b.occurredAt - now))[0] ?? null;
}

export function MeetingPanel({ accountId }: { accountId?: string }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<PickedAccount | null>(null);
  const id = accountId ?? chosen?.id;
  if (!id) {
    return (
      <div>
        <Title3 as="h1">{t('meeting.title')}</Title3>
        <AccountPicker label={t('meeting.pickAccount')} value={chosen} onPick={setChosen} />
      </div>
    );
  }
  return <MeetingNotes accountId={id} />;
}

function MeetingNotes({ accountId }: { accountId: string }) {
  const { t, formatDateTime } = useI18n();
  const { api, now } = useServices();
  const s = useStyles();
  const data = useAsync(async () => {
    const [account, timeline] = await Promise.all([
      unwrap(api.accounts[':id'].$get({ param: { id: accountId } })),
      unwrap(api.accounts[':id'].timeline.$get({ param: { id: accountId }, query: { kind: 'meeting', limit: '20' } as never })),
    ]);
    const meeting = currentMeeting(timeline.items, now());
    const others = meeting ? await Promise.all(meeting.accountIds.filter((x) => x !== accountId).map((x) => unwrap(api.accounts[':id'].$get({ param: { id: x } })).catch(() => null))) : [];
    return { account, meeting, others: others.filter((x): x is NonNullable<typeof x> => x !== null) };
  }, [api, accountId]);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState<string | null>(null);
  const [savedOn, setSavedOn] = useState<Interaction | null>(null);
  if (data.status === 'loading') return <LoadingState />;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;
  const { account, others } = data.data;
  const meeting = savedOn ?? data.data.meeting;
  const save = async () => {
    setErrors(NO_ERRORS);
    setSaved(null);
    try {
      if (meeting && !meeting.redacted) {
        const note = meeting.note ? `${meeting.note}\n\n${text.trim()}` : text.trim();
        const updated = await unwrap(api.interactions[':id'].$patch({ param: { id: meeting.id }, json: { note } }));
        setSavedOn(updated);
        setSaved(t('meeting.savedOnMeeting'));
      } else {
        await unwrap(api.interactions.$post({ json: { kind: 'note', subject: t('meeting.noteSubject'), note: text, accountIds: [accountId], source: 'teams', visibility: 'shared' } }));
        setSaved(t('meeting.savedAsNote'));
      }
      setText('');
    } catch (e) {
      setErrors(formErrorsOf(e, ['note']));
    }
  };
  return (
    <div className={s.root}>
      <Title3 as="h1">{t('meeting.title')}</Title3>
      {[account, ...others].map((a: Account) => <AccountCard key={a.id} account={a} now={now()} headingLevel={2} />)}
      {meeting ? (
        <Body1 data-meeting-id={meeting.id}>{t('meeting.current', { subject: meeting.redacted || !meeting.subject ? t('kind.meeting') : meeting.subject, when: formatDateTime(meeting.occurredAt) })}</Body1>
      ) : (
        <Caption1>{t('meeting.noMeeting')}</Caption1>
      )}
      <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {errors.general && <MessageBar intent="error"><MessageBarBody>{errors.general}</MessageBarBody></MessageBar>}
        <Field label={t('meeting.notes')} validationMessage={errors.fields.note} validationState={errors.fields.note ? 'error' : 'none'}>
          <Textarea value={text} onChange={(_, d) => setText(d.value)} rows={6} resize="vertical" />
        </Field>
        <Button type="submit" appearance="primary" style={{ marginTop: tokens.spacingVerticalS }}>{t('meeting.save')}</Button>
      </form>
      {saved && <Text role="status">{saved}</Text>}
      {meeting?.note && !meeting.redacted && (
        <section aria-label={t('meeting.savedNotes')}>
          <Caption1>{t('meeting.savedNotes')}</Caption1>
          <Body1 as="p" style={{ whiteSpace: 'pre-wrap' }}>{meeting.note}</Body1>
        </section>
      )}
    </div>
  );
}
