// The pane for an email or meeting being read: who is on it, which account it belongs to, whether it is
// logged already (by whom, when; unlink), and the log action. Re-matches after a contact or account is added.
import {
  Body1Strong, MessageBar, MessageBarBody, Radio, RadioGroup, Field, makeStyles, tokens,
} from '@fluentui/react-components';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { ErrorState, LoadingState, useAsync, useI18n, type Interaction } from '../../../../web-shared/src/index.ts';
import type { AppointmentRead, MessageRead } from '../../host/outlook-item.ts';
import { usePaneServices } from '../../app/pane-services.tsx';
import { AccountPanel, RecentHistory } from '../account/account-panel.tsx';
import { LogForm } from './log-form.tsx';
import { LoggedBanner } from './logged-banner.tsx';
import { accountDetails, captureKey, loadCapture, logItem, unlink } from './pane-api.ts';
import { takePrefetched } from '../../app/prefetch.ts';
import { PeopleList } from './people-list.tsx';
import type { LogChoices } from './log-request.ts';

const OPEN = new Set(['identified', 'contacted', 'offer', 'negotiation']);

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
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
  const [notice, setNotice] = useState<{ text: string; intent: 'success' | 'info' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [picked, setPicked] = useState('');
  // The account first, the form and the people a moment later: the first commit stays small.
  const full = useDeferredValue(true, false);
  const accountIds = data.data?.summary.accounts.map((a) => a.id).join(',') ?? '';
  const details = useAsync(
    async () => (accountIds ? Promise.all(accountIds.split(',').map((id) => accountDetails(api, id))) : []),
    [api, accountIds],
  );

  const current = logged !== undefined ? logged : (data.data?.logged ?? null);
  // A colleague logged it (or the sync found it): you can still log it, which adds you and your note to it.
  const loggedByMe = !!current?.holders.some((h) => h.userId === me.id && h.relation === 'logged');
  const summary = data.data?.summary;
  const targetIds = summary ? (summary.accounts.length ? summary.accounts.map((a) => a.id) : picked ? [picked] : []) : [];

  const log = async (choices: LogChoices) => {
    setBusy(true);
    setActionError(null);
    try {
      const r = await logItem(api, item, { ...choices, ...(summary?.accounts.length ? {} : { accountIds: targetIds }) });
      setLogged(r.interaction as Interaction);
      const names = [...(summary?.accounts ?? []), ...(summary?.candidates ?? [])].filter((a) => r.interaction.accountIds.includes(a.id)).map((a) => a.name);
      setNotice({ text: r.created ? t('log.done', { accounts: names.join(', ') }) : t('log.alreadyKnown'), intent: 'success' });
      details.reload();
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

  // Until the details of this very set of accounts arrive (the previous set's may still be in state), loading.
  const detailsFor = (i: number) => {
    const d = details.status === 'done' ? details.data[i] : undefined;
    return {
      ...(d ? { status: 'done' as const, data: d } : details.status === 'error' ? { status: 'error' as const, error: details.error } : { status: 'loading' as const }),
      reload: details.reload,
    };
  };
  const opportunities = details.status === 'done'
    ? details.data.flatMap((d) => d.opportunities.filter((o) => OPEN.has(o.stage)).map((o) => ({ id: o.id, name: o.name, accountId: o.accountId })))
    : [];

  return (
    <div className={s.root}>
      {notice && (
        <MessageBar intent={notice.intent} role="status">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {current && (
        <LoggedBanner
          interaction={current}
          busy={busy}
          onUnlink={async () => {
            setBusy(true);
            setActionError(null);
            try {
              await unlink(api, current.id);
              setLogged(null);
              setNotice({ text: t('logged.unlinked'), intent: 'info' });
              details.reload();
            } catch (e) {
              setActionError(e);
            } finally {
              setBusy(false);
            }
          }}
        />
      )}
      {actionError !== null && <ErrorState error={actionError} />}

      <section className={s.section} aria-labelledby="suhde-accounts">
        <Body1Strong as="h2" id="suhde-accounts" className={s.heading}>{t('section.accounts')}</Body1Strong>
        {summary.accounts.map((a, i) => <AccountPanel key={a.id} account={a} details={detailsFor(i)} />)}
        {summary.state === 'ambiguous' && (
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

      {full && (!current || !loggedByMe) && targetIds.length > 0 && (
        <section className={s.section} aria-labelledby="suhde-log">
          <Body1Strong as="h2" id="suhde-log" className={s.heading}>{t('section.log')}</Body1Strong>
          {intent && <MessageBar intent="info"><MessageBarBody>{t('compose.pendingFromDraft')}</MessageBarBody></MessageBar>}
          <LogForm
            kind={item.kind === 'message' ? 'email' : 'meeting'}
            opportunities={opportunities.filter((o) => targetIds.includes(o.accountId))}
            busy={busy}
            initial={intent ?? undefined}
            onLog={(c) => void log(c)}
          />
        </section>
      )}

      {full && summary.accounts.length > 0 && details.status === 'done' && (
        <section className={s.section} aria-labelledby="suhde-recent">
          <Body1Strong as="h2" id="suhde-recent" className={s.heading}>{t('section.recent')}</Body1Strong>
          {summary.accounts.map((a, i) => <RecentHistory key={a.id} account={a} details={detailsFor(i)} showName={summary.accounts.length > 1} />)}
        </section>
      )}

      {full && <section className={s.section} aria-labelledby="suhde-people">
        <Body1Strong as="h2" id="suhde-people" className={s.heading}>{t('section.people')}</Body1Strong>
        <PeopleList
          results={summary.results}
          accounts={[...summary.accounts, ...summary.candidates]}
          onChanged={(text) => {
            setNotice({ text, intent: 'success' });
            setRound((r) => r + 1);
          }}
        />
      </section>}
    </div>
  );
}
