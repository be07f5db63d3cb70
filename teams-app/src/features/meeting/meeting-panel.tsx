// The meeting side panel: the meeting this Teams meeting chat belongs to (found by its chat id, which the
// calendar sync recorded from the event's Teams join URL), every account of its external attendees, and notes
// taken during the call, appended to that meeting's interaction. Only when Suhde does not know the meeting (not
// synced yet, not a Teams meeting, or no chat at all) does it fall back, and say so: to the configured account's
// meeting nearest to now, and without one to a note on the account.
import { useState, type ReactNode } from 'react';
import { Body1, Button, Caption1, Field, MessageBar, MessageBarBody, Text, Textarea, Title3, makeStyles, tokens } from '@fluentui/react-components';
import {
  AccountCard, ApiProblem, ErrorState, LoadingState, unwrap, useAsync, useI18n, type Account, type Interaction, type MeetingByChat,
} from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { AccountPicker, type PickedAccount } from '../common/account-picker.tsx';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../common/form-errors.ts';
import { BusinessReviewMark } from './business-review-mark.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '32rem' },
  accounts: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  when: { fontWeight: tokens.fontWeightSemibold },
});

const HOUR = 3_600_000;

/** The meeting happening now, about to start, or just over: the one nearest to now within a few hours. */
export function currentMeeting<T extends { kind: string; occurredAt: number; durationMinutes: number | null }>(items: T[], now: number): T | null {
  const candidates = items.filter((i) => i.kind === 'meeting' && i.occurredAt - now <= HOUR && now - (i.occurredAt + (i.durationMinutes ?? 60) * 60_000) <= 2 * HOUR);
  return candidates.sort((a, b) => Math.abs(a.occurredAt - now) - Math.abs(b.occurredAt - now))[0] ?? null;
}

/** The note after appending what was just written: each save adds a paragraph, nothing is overwritten. */
export function appendNote(existing: string | null, text: string): string {
  const add = text.trim();
  return existing ? `${existing}\n\n${add}` : add;
}

export function MeetingPanel({ accountId, chatId }: { accountId?: string; chatId?: string }) {
  if (chatId) return <MeetingOfChat chatId={chatId} {...(accountId ? { accountId } : {})} />;
  return <Fallback reason="no-chat" {...(accountId ? { accountId } : {})} />;
}

function MeetingOfChat({ chatId, accountId }: { chatId: string; accountId?: string }) {
  const { api } = useServices();
  const known = useAsync(async () => {
    try {
      // Hono's client puts path parameters in as they are: the chat id's ':' and '@' are encoded here.
      return await unwrap(api.meetings['by-chat'][':chatId'].$get({ param: { chatId: encodeURIComponent(chatId) } }));
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 404) return null;
      throw e;
    }
  }, [api, chatId]);
  if (known.status === 'loading') return <LoadingState />;
  if (known.status === 'error') return <ErrorState error={known.error} onRetry={known.reload} />;
  if (!known.data) return <Fallback reason="unknown" {...(accountId ? { accountId } : {})} />;
  return <KnownMeeting data={known.data} />;
}

function KnownMeeting({ data }: { data: MeetingByChat }) {
  const { t, formatDateTime } = useI18n();
  const { api, me, now } = useServices();
  const s = useStyles();
  const [meeting, setMeeting] = useState<Interaction>(data.meeting);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const holds = meeting.holders.some((h) => h.userId === me.id);
  // The PATCH's own rule: its holders, a manager or an admin may change a meeting, never through a redacted view.
  const onMeeting = !meeting.redacted && (holds || me.role !== 'rep');
  const accountIds = data.accounts.map((a) => a.id);
  const save = async () => {
    setErrors(NO_ERRORS);
    setSaved(null);
    setBusy(true);
    try {
      if (onMeeting) {
        // Read the note again just before appending, so a colleague's notes saved meanwhile are kept.
        const latest = await unwrap(api.interactions[':id'].$get({ param: { id: meeting.id } }));
        setMeeting(await unwrap(api.interactions[':id'].$patch({ param: { id: meeting.id }, json: { note: appendNote(latest.note, text) } })));
        setSaved(t('meeting.savedOnMeeting'));
      } else {
        await unwrap(api.interactions.$post({ json: { kind: 'note', subject: t('meeting.noteSubject'), note: text, accountIds, source: 'teams', visibility: 'shared' } }));
        setSaved(t('meeting.savedOnAccounts', { n: accountIds.length }));
      }
      setText('');
    } catch (e) {
      setErrors(formErrorsOf(e, ['note']));
    } finally {
      setBusy(false);
    }
  };
  const subject = meeting.redacted || !meeting.subject ? t('kind.meeting') : meeting.subject;
  return (
    <div className={s.root} data-meeting-source="chat">
      <Title3 as="h1">{t('meeting.title')}</Title3>
      <Body1 className={s.when} data-meeting-id={meeting.id}>{t('meeting.current', { subject, when: formatDateTime(meeting.occurredAt) })}</Body1>
      {meeting.redacted && <Caption1>{t('meeting.redacted')}</Caption1>}
      {!meeting.redacted && !onMeeting && <Caption1>{t('meeting.notHolder')}</Caption1>}
      {onMeeting && <BusinessReviewMark meeting={meeting} onChange={setMeeting} />}
      <section className={s.accounts} aria-label={t('meeting.accounts')}>
        {data.accounts.map((a) => <AccountCard key={a.id} account={a} now={now()} headingLevel={2} />)}
        {data.accounts.length === 0 && <Caption1>{t('meeting.noAccounts')}</Caption1>}
      </section>
      <NotesForm
        text={text} onText={setText} errors={errors} busy={busy} onSave={() => void save()}
        label={onMeeting ? t('meeting.saveOnMeeting') : t('meeting.saveOnAccounts')} disabled={!onMeeting && accountIds.length === 0}
      />
      {saved && <Text role="status">{saved}</Text>}
      {meeting.note && !meeting.redacted && <SavedNotes note={meeting.note} />}
    </div>
  );
}

function Fallback({ accountId, reason }: { accountId?: string; reason: 'unknown' | 'no-chat' }) {
  const { t } = useI18n();
  const s = useStyles();
  const [chosen, setChosen] = useState<PickedAccount | null>(null);
  const id = accountId ?? chosen?.id;
  const notice = <MessageBar intent="info" data-fallback={reason}><MessageBarBody>{t(reason === 'unknown' ? 'meeting.notKnown' : 'meeting.noChat')}</MessageBarBody></MessageBar>;
  if (!id) {
    return (
      <div className={s.root}>
        <Title3 as="h1">{t('meeting.title')}</Title3>
        {notice}
        <AccountPicker label={t('meeting.pickAccount')} value={chosen} onPick={setChosen} />
      </div>
    );
  }
  return <NearestMeetingNotes accountId={id} notice={notice} />;
}

function NearestMeetingNotes({ accountId, notice }: { accountId: string; notice: ReactNode }) {
  const { t, formatDateTime } = useI18n();
  const { api, me, now } = useServices();
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
  const [busy, setBusy] = useState(false);
  if (data.status === 'loading') return <LoadingState />;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;
  const { account, others } = data.data;
  const meeting = savedOn ?? data.data.meeting;
  const onMeeting = !!meeting && !meeting.redacted && (me.role !== 'rep' || meeting.holders.some((h) => h.userId === me.id));
  const save = async () => {
    setErrors(NO_ERRORS);
    setSaved(null);
    setBusy(true);
    try {
      if (meeting && onMeeting) {
        // As for a known meeting: read the note again, so what a colleague saved meanwhile is kept.
        const latest = await unwrap(api.interactions[':id'].$get({ param: { id: meeting.id } }));
        const updated = await unwrap(api.interactions[':id'].$patch({ param: { id: meeting.id }, json: { note: appendNote(latest.note, text) } }));
        setSavedOn(updated);
        setSaved(t('meeting.savedOnMeeting'));
      } else {
        await unwrap(api.interactions.$post({ json: { kind: 'note', subject: t('meeting.noteSubject'), note: text, accountIds: [accountId], source: 'teams', visibility: 'shared' } }));
        setSaved(t('meeting.savedAsNote'));
      }
      setText('');
    } catch (e) {
      setErrors(formErrorsOf(e, ['note']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={s.root} data-meeting-source={meeting ? 'nearest' : 'account-note'}>
      <Title3 as="h1">{t('meeting.title')}</Title3>
      {notice}
      {[account, ...others].map((a: Account) => <AccountCard key={a.id} account={a} now={now()} headingLevel={2} />)}
      {meeting ? (
        <Body1 data-meeting-id={meeting.id}>{t('meeting.nearest', { subject: meeting.redacted || !meeting.subject ? t('kind.meeting') : meeting.subject, when: formatDateTime(meeting.occurredAt) })}</Body1>
      ) : (
        <Caption1>{t('meeting.noMeeting')}</Caption1>
      )}
      {meeting && onMeeting && <BusinessReviewMark meeting={meeting} onChange={setSavedOn} />}
      <NotesForm text={text} onText={setText} errors={errors} busy={busy} onSave={() => void save()} label={t('meeting.save')} />
      {saved && <Text role="status">{saved}</Text>}
      {meeting?.note && !meeting.redacted && <SavedNotes note={meeting.note} />}
    </div>
  );
}

function NotesForm(p: { text: string; onText: (v: string) => void; errors: FormErrors; busy: boolean; onSave: () => void; label: string; disabled?: boolean }) {
  const { t } = useI18n();
  return (
    <form onSubmit={(e) => { e.preventDefault(); p.onSave(); }}>
      {p.errors.general && <MessageBar intent="error"><MessageBarBody>{p.errors.general}</MessageBarBody></MessageBar>}
      <Field label={t('meeting.notes')} validationMessage={p.errors.fields.note} validationState={p.errors.fields.note ? 'error' : 'none'}>
        <Textarea value={p.text} onChange={(_, d) => p.onText(d.value)} rows={6} resize="vertical" />
      </Field>
      <Button type="submit" appearance="primary" disabled={p.busy || p.disabled} style={{ marginTop: tokens.spacingVerticalS }}>{p.label}</Button>
    </form>
  );
}

function SavedNotes({ note }: { note: string }) {
  const { t } = useI18n();
  return (
    <section aria-label={t('meeting.savedNotes')}>
      <Caption1 block>{t('meeting.savedNotes')}</Caption1>
      <Body1 block style={{ whiteSpace: 'pre-wrap', marginTop: tokens.spacingVerticalXS }} data-testid="meeting-note">{note}</Body1>
    </section>
  );
}
