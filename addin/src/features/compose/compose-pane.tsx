// A new email: which customers it goes to, and "log this email when sent". The intent is saved on the draft
// (a custom property) and travels with it to Sent Items, where the mailbox sync logs it by its Message-ID (see
// backend/src/sync/apply-log-intent.ts), or the read pane does if the sent copy is opened first.
import { Body1Strong, MessageBar, MessageBarBody, Switch, Textarea, Field, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { ErrorState, LoadingState, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import type { MessageCompose } from '../../host/outlook-item.ts';
import { usePaneServices } from '../../app/pane-services.tsx';
import { itemParticipants } from '../capture/item-participants.ts';
import { summarizeMatch } from '../capture/match-summary.ts';
import { matchPeople } from '../capture/pane-api.ts';
import { PeopleList } from '../capture/people-list.tsx';
import { AccountCard } from '../../../../web-shared/src/index.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
});

export function ComposePane({ item }: { item: MessageCompose }) {
  const { api, host } = usePaneServices();
  const { t } = useI18n();
  const s = useStyles();
  const people = useMemo(() => itemParticipants(item), [item]);
  const [round, setRound] = useState(0);
  const data = useAsync(async () => summarizeMatch(await matchPeople(api, people)), [api, people, round]);
  const [on, setOn] = useState(item.logIntent !== null);
  const [note, setNote] = useState(item.logIntent?.note ?? '');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (data.status === 'loading') return <LoadingState label={t('pane.matching')} />;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;
  const summary = data.data;
  const accountIds = summary.accounts.map((a) => a.id);

  const save = async (enabled: boolean, text: string) => {
    setError(null);
    setSaved(false);
    try {
      await host.saveLogIntent(enabled ? { note: text.trim() || null, visibility: 'shared', accountIds, opportunityId: null } : null);
      setSaved(enabled);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className={s.root}>
      <Body1Strong as="h2" className={s.heading}>{t('compose.title')}</Body1Strong>
      {summary.accounts.map((a) => <AccountCard key={a.id} account={a} />)}
      {accountIds.length === 0 ? (
        <MessageBar intent="info"><MessageBarBody>{t('compose.noCustomer')}</MessageBarBody></MessageBar>
      ) : (
        <>
          <Switch
            checked={on}
            label={t('compose.logWhenSent')}
            onChange={(_, d) => {
              setOn(d.checked);
              void save(d.checked, note);
            }}
          />
          {on && (
            <Field label={t('log.note')} hint={t('compose.logWhenSentHint', { accounts: summary.accounts.map((a) => a.name).join(', ') })}>
              <Textarea value={note} onChange={(_, d) => setNote(d.value)} onBlur={() => void save(true, note)} />
            </Field>
          )}
          {saved && <MessageBar intent="success" role="status"><MessageBarBody>{t('compose.saved')}</MessageBarBody></MessageBar>}
        </>
      )}
      {error !== null && <ErrorState error={error} />}
      <Body1Strong as="h2" className={s.heading}>{t('section.people')}</Body1Strong>
      <PeopleList results={summary.results} accounts={[...summary.accounts, ...summary.candidates]} onChanged={() => setRound((r) => r + 1)} />
    </div>
  );
}
