// The pane for an email or meeting being read: which account it belongs to (a two-line header), whether it is
// logged (by whom, when, who sees it), the log choices, and below the fold the account's history and the people.
// The primary action sits in a sticky bar, so it is on screen whatever the pane's height; logging is confirmed in
// that bar and the header is matched again, so "last contact" says what just happened.
import {
  Body1Strong, Button, MessageBar, MessageBarBody, Radio, RadioGroup, Field, Spinner, makeStyles, tokens,
} from '@fluentui/react-components';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { ErrorState, LoadingState, useAsync, useI18n, type Interaction } from '../../../../web-shared/src/index.ts';
import type { AppointmentRead, MessageRead } from '../../host/outlook-item.ts';
import { usePaneServices } from '../../app/pane-services.tsx';
import { AccountHeader, AccountMore, OPEN_STAGES, type AccountDetails } from '../account/account-panel.tsx';
import { LOG_FORM_ID, LogForm } from './log-form.tsx';
import { LoggedState, UnlinkButton, mayUnlink } from './logged-state.tsx';
import { MeetingSummary } from './meeting-summary.tsx';
import { ThreadPrivacy, holdsInOwnMailbox } from './thread-privacy.tsx';
import { accountDetails, captureKey, loadCapture, logItem, matchPeople, unlink } from './pane-api.ts';
import { itemParticipants } from './item-participants.ts';
import { summarizeMatch, type MatchSummary } from './match-summary.ts';
import { takePrefetched } from '../../app/prefetch.ts';
import { PeopleList } from './people-list.tsx';
import type { LogChoices } from './log-request.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  bar: {
    position: 'sticky', top: 0, bottom: 0, zIndex: 1, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} 0`, backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

export function ReadPane({ item }: { item: MessageRead | AppointmentRead }) {
  const { api, me } = usePaneServices();
  const { t } = useI18n();
  const s = useStyles();
  const [round, setRound] = useState(0);
  const data = useAsync(
    () => (round === 0 ? takePrefetched<Awaited<ReturnType<typeof loadCapture>>>(captureKey(item)) : undefined) ?? loadCapture(api, item),
    [api, item, round],
  );
  const [logged, setLogged] = useState<Interaction | null | undefined>(undefined);
  // The accounts matched again after logging: their last contact is now this item.
  const [fresh, setFresh] = useState<MatchSummary | null>(null);
  const [notice, setNotice] = useState<{ text: string; intent: 'success' | 'info' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [picked, setPicked] = useState('');
  // The account first, the form and the people a moment later: the first commit stays small.
  const full = useDeferredValue(true, false);
  const summary = fresh ?? data.data?.summary;
  const accountIds = summary?.accounts.map((a) => a.id).join(',') ?? '';
  const details = useAsync(
    async () => (accountIds ? Promise.all(accountIds.split(',').map((id) => accountDetails(api, id))) : []),
    [api, accountIds],
  );
  // A reload keeps showing what it had (the deals offered to log against do not blink while it refreshes).
  const lastDetails = useRef<AccountDetails[] | undefined>(undefined);
  if (details.status === 'done') lastDetails.current = details.data;
  const shownDetails = details.status === 'done' ? details.data : lastDetails.current;

  const current = logged !== undefined ? logged : (data.data?.logged ?? null);
  const loggedByMe = !!current?.holders.some((h) => h.userId === me.id && h.relation === 'logged');
  const targetIds = summary ? (summary.accounts.length ? summary.accounts.map((a) => a.id) : picked ? [picked] : []) : [];

  const refresh = async () => {
    try {
      setFresh(summarizeMatch(await matchPeople(api, itemParticipants(item))));
    } catch (e) {
      // The log went through; only the header's "last contact" stays as it was.
      console.warn('Suhde: the account could not be matched again after logging', e);
    }
    details.reload();
  };

  const log = async (choices: LogChoices) => {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      const r = await logItem(api, item, { ...choices, ...(summary?.accounts.length ? {} : { accountIds: targetIds }) });
      // A colleague's email or meeting this mailbox cannot show it holds: the log was kept as the user's own note.
      if (r.loggedAs === 'note') setNotice({ text: t('logged.asNote'), intent: 'info' });
      else setLogged(r.interaction as Interaction);
      void refresh();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  // "Log this email when sent", saved on the draft: the sent copy is logged the first time it is opened, unless the
  // mailbox sync logged it for you already (then it is "logged by me" and nothing is logged twice).
  const autoLogged = useRef(false);
  const intent = item.kind === 'message' ? item.logIntent : null;
  useEffect(() => {
    if (!intent || autoLogged.current || data.status !== 'done' || loggedByMe || !summary?.accounts.length) return;
    autoLogged.current = true;
    void log({ note: intent.note, opportunityId: intent.opportunityId, visibility: intent.visibility });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intent, data.status, loggedByMe, summary]);

  if (data.status === 'loading' && !data.data) return <LoadingState label={t('pane.matching')} />;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!summary) return null;

  const detailsFor = (i: number) => ({
    ...(details.status === 'done' && details.data[i]
      ? { status: 'done' as const, data: details.data[i] }
      : details.status === 'error' ? { status: 'error' as const, error: details.error } : { status: 'loading' as const }),
    reload: details.reload,
  });
  const opportunities = (shownDetails ?? []).flatMap((d) => d.opportunities.filter((o) => OPEN_STAGES.has(o.stage)).map((o) => ({ id: o.id, name: o.name, accountId: o.accountId })));
  const canLog = full && !loggedByMe && targetIds.length > 0;
  const allAccounts = [...summary.accounts, ...summary.candidates];
  const loggedTo = current ? allAccounts.filter((a) => current.accountIds.includes(a.id)).map((a) => a.name) : [];
  const primary = t(current ? 'log.alsoButton' : item.kind === 'message' ? 'log.emailButton' : 'log.meetingButton');

  const doUnlink = async () => {
    if (!current) return;
    setBusy(true);
    setActionError(null);
    try {
      await unlink(api, current.id);
      setLogged(null);
      setNotice({ text: t('logged.unlinked'), intent: 'info' });
      void refresh();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={s.root}>
      {notice && (
        <MessageBar intent={notice.intent} role="status">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}

      <section className={s.section} aria-labelledby="suhde-accounts">
        <Body1Strong as="h2" id="suhde-accounts" className={s.hidden}>{t('section.accounts')}</Body1Strong>
        {summary.accounts.map((a) => <AccountHeader key={a.id} account={a} onChanged={() => void refresh()} />)}
        {item.kind === 'appointment' && <MeetingSummary item={item} results={summary.results} accounts={allAccounts} />}
        {summary.state === 'ambiguous' && !current && (
          <>
            <MessageBar intent="warning"><MessageBarBody>{t('match.ambiguous')}</MessageBarBody></MessageBar>
            <Field label={t('match.pickAccount')}>
              <RadioGroup value={picked} onChange={(_, d) => setPicked(d.value)}>
                {summary.candidates.map((a) => <Radio key={a.id} value={a.id} label={`${a.name} (${a.tier})`} />)}
              </RadioGroup>
            </Field>
          </>
        )}
        {(summary.state === 'unknown' || summary.state === 'nobody') && <MessageBar intent="info"><MessageBarBody>{t('match.noAccount')}</MessageBarBody></MessageBar>}
        {summary.state === 'internal' && <MessageBar intent="info"><MessageBarBody>{t('match.internalOnly')}</MessageBarBody></MessageBar>}
      </section>

      {canLog && (
        <section className={s.section} aria-labelledby="suhde-log">
          <Body1Strong as="h2" id="suhde-log" className={s.heading}>{t(current ? 'section.logToo' : 'section.log')}</Body1Strong>
          {intent && <MessageBar intent="info"><MessageBarBody>{t('compose.pendingFromDraft')}</MessageBarBody></MessageBar>}
          <LogForm
            key={current?.id ?? 'new'}
            opportunities={opportunities.filter((o) => targetIds.includes(o.accountId))}
            initial={intent ? { ...intent, visibility: intent.visibility } : undefined}
            join={current ? { visibility: current.visibility, hasOpportunity: current.opportunityId !== null } : undefined}
            onLog={(c) => void log(c)}
          />
        </section>
      )}

      {(canLog || current) && (
        <div className={s.bar} data-testid="action-bar">
          {current && <LoggedState interaction={current} accountNames={loggedTo} />}
          {actionError !== null && <ErrorState error={actionError} />}
          <div className={s.actions}>
            {canLog && (
              <Button type="submit" form={LOG_FORM_ID} appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {busy ? t('log.logging') : primary}
              </Button>
            )}
            {current && mayUnlink(me, current) && <UnlinkButton busy={busy} onUnlink={() => void doUnlink()} />}
          </div>
          {current && holdsInOwnMailbox(me, current) && (
            <ThreadPrivacy
              interaction={current}
              onChanged={(visibility, n) => {
                setLogged({ ...current, visibility });
                setNotice({ text: t(visibility === 'private' ? 'thread.keptPrivate' : 'thread.shared', { n }), intent: 'success' });
              }}
            />
          )}
        </div>
      )}
      {!canLog && !current && actionError !== null && <ErrorState error={actionError} />}

      {full && summary.accounts.length > 0 && (
        <section className={s.section} aria-labelledby="suhde-recent">
          <Body1Strong as="h2" id="suhde-recent" className={s.heading}>{t('section.recent')}</Body1Strong>
          {summary.accounts.map((a, i) => <AccountMore key={a.id} account={a} details={detailsFor(i)} showName={summary.accounts.length > 1} />)}
        </section>
      )}

      {full && <section className={s.section} aria-labelledby="suhde-people">
        <Body1Strong as="h2" id="suhde-people" className={s.heading}>{t('section.people')}</Body1Strong>
        <PeopleList
          results={summary.results}
          accounts={allAccounts}
          onChanged={(text) => {
            setNotice({ text, intent: 'success' });
            setFresh(null);
            setRound((r) => r + 1);
          }}
        />
      </section>}
    </div>
  );
}
