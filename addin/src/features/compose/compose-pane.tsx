// A new email: which customers it goes to, and "log this email when sent" with the same choices as logging a read
// email: a note, an opportunity and who sees it. They are saved on the draft as the intent (a custom property) and
// travel with it to Sent Items, where the mailbox sync logs it by its Message-ID (backend/src/domain/log-intent.ts
// reads note, visibility, accountIds and opportunityId), or the read pane does if the sent copy is opened first.
// The intent has no follow-up date, so compose offers none. The switch shows what is saved on the email: a failed
// save puts it back, and an intent Outlook could not read is said so rather than shown as off.
import { Body1Strong, Caption1, Field, MessageBar, MessageBarBody, Select, Switch, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { ErrorState, LoadingState, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import type { LogIntent, MessageCompose } from '../../host/outlook-item.ts';
import { usePaneServices } from '../../app/pane-services.tsx';
import { itemParticipants } from '../capture/item-participants.ts';
import { summarizeMatch } from '../capture/match-summary.ts';
import { accountDetails, matchPeople } from '../capture/pane-api.ts';
import { PeopleList } from '../capture/people-list.tsx';
import { VISIBILITY_CHOICES } from '../capture/log-form.tsx';
import { AccountHeader, OPEN_STAGES, type AccountDetails } from '../account/account-panel.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  choices: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

type Choices = Pick<LogIntent, 'note' | 'visibility' | 'opportunityId'>;

export function ComposePane({ item }: { item: MessageCompose }) {
  const { api, host } = usePaneServices();
  const { t } = useI18n();
  const s = useStyles();
  const people = useMemo(() => itemParticipants(item), [item]);
  const [round, setRound] = useState(0);
  const data = useAsync(async () => {
    const summary = summarizeMatch(await matchPeople(api, people));
    // Open opportunities to pick from; without them the intent still logs, so their failure is not the pane's.
    const details: AccountDetails[] = await Promise.all(summary.accounts.map((a) => accountDetails(api, a.id))).catch((e: unknown) => {
      console.warn('Suhde: the accounts’ opportunities could not be loaded for "log when sent"', e);
      return [];
    });
    return { summary, details, opportunities: details.flatMap((d) => d.opportunities.filter((o) => OPEN_STAGES.has(o.stage))) };
  }, [api, people, round]);
  const [on, setOn] = useState(item.logIntent !== null);
  const [choices, setChoices] = useState<Choices>({
    note: item.logIntent?.note ?? '', visibility: item.logIntent?.visibility ?? 'shared', opportunityId: item.logIntent?.opportunityId ?? null,
  });
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (data.status === 'loading') return <LoadingState label={t('pane.matching')} />;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;
  const { summary, details, opportunities } = data.data;
  const accountIds = summary.accounts.map((a) => a.id);

  const save = async (enabled: boolean, next: Choices) => {
    const was = on;
    setOn(enabled);
    setChoices(next);
    setError(null);
    setSaved(false);
    setSaving(true);
    try {
      await host.saveLogIntent(enabled ? { note: next.note?.trim() || null, visibility: next.visibility, accountIds, opportunityId: next.opportunityId } : null);
      setSaved(enabled);
    } catch (e) {
      // What is on the email is what was there before: the switch says so.
      setOn(was);
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className={s.root}>
      <Body1Strong as="h2" className={s.heading}>{t('compose.title')}</Body1Strong>
      {summary.accounts.map((a) => <AccountHeader key={a.id} account={a} />)}
      {item.logIntentUnreadable && !saved && error === null && (
        <MessageBar intent="warning"><MessageBarBody>{t('compose.readFailed')}</MessageBarBody></MessageBar>
      )}
      {accountIds.length === 0 ? (
        <MessageBar intent="info"><MessageBarBody>{t('compose.noCustomer')}</MessageBarBody></MessageBar>
      ) : (
        <div className={s.choices}>
          <Switch checked={on} disabled={saving} label={t('compose.logWhenSent')} onChange={(_, d) => void save(d.checked, choices)} />
          {on && (
            <>
              <Field label={t('log.note')} hint={t('compose.logWhenSentHint', { accounts: summary.accounts.map((a) => a.name).join(', ') })}>
                <Textarea value={choices.note ?? ''} rows={2} onChange={(_, d) => setChoices({ ...choices, note: d.value })} onBlur={() => void save(true, choices)} />
              </Field>
              {opportunities.length > 0 && (
                <Field label={t('log.opportunity')}>
                  <Select value={choices.opportunityId ?? ''} onChange={(_, d) => void save(true, { ...choices, opportunityId: d.value || null })}>
                    <option value="">{t('log.noOpportunity')}</option>
                    {opportunities.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                  </Select>
                </Field>
              )}
              <Field label={t('log.visibility')}>
                <Select value={choices.visibility} onChange={(_, d) => void save(true, { ...choices, visibility: d.value as Choices['visibility'] })}>
                  {VISIBILITY_CHOICES.map((v) => <option key={v} value={v}>{t(`visibility.${v}`)}</option>)}
                </Select>
              </Field>
              <Caption1 className={s.muted}>{t('compose.followUpLater')}</Caption1>
            </>
          )}
          {saved && <MessageBar intent="success" role="status"><MessageBarBody>{t('compose.saved')}</MessageBarBody></MessageBar>}
        </div>
      )}
      {error !== null && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{t('compose.saveFailed')} {error instanceof Error ? error.message : String(error)}</MessageBarBody>
        </MessageBar>
      )}
      <Body1Strong as="h2" className={s.heading}>{t('section.people')}</Body1Strong>
      <PeopleList results={summary.results} accounts={[...summary.accounts, ...summary.candidates]} onChanged={() => setRound((r) => r + 1)} />
    </div>
  );
}
