// The account workspace: the header (account-header.tsx: the facts a salesperson checks first and the main
// actions) and the timeline, contacts, opportunities, care plan with notes, and feedback. A save from the
// header is confirmed right below it, and the timeline reloads to show it.
import { useRef, useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { ErrorState, LoadingState, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { LogCallDialog } from '../common/log-call-dialog.tsx';
import { AddNoteDialog } from '../common/add-note-dialog.tsx';
import { FollowUpDialog } from '../common/follow-up-dialog.tsx';
import { AccountHeader, type HeaderAction } from './account-header.tsx';
import { TimelinePanel } from './timeline-panel.tsx';
import { ContactsPanel } from './contacts-panel.tsx';
import { OpportunityBoard } from './opportunity-board.tsx';
import { CarePanel } from './care-panel.tsx';
import { FeedbackPanel } from './feedback-panel.tsx';
import { FollowUpsPanel } from './follow-ups-panel.tsx';
import { DuplicateBanner } from '../duplicates/duplicate-banner.tsx';
import { AccountProductsPanel } from './account-products-panel.tsx';

const useStyles = makeStyles({
  saved: { marginBottom: tokens.spacingVerticalS },
  panel: { paddingTop: tokens.spacingVerticalM },
  // At 400 px the five sections (longer in Finnish) wrap onto a second line instead of widening the page.
  tabs: { flexWrap: 'wrap' },
});

export type AccountTab = 'timeline' | 'contacts' | 'opportunities' | 'care' | 'feedback';

export function AccountView({ accountId, interactionId }: { accountId: string; interactionId?: string }) {
  const { t, formatDate } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const [tab, setTab] = useState<AccountTab>('timeline');
  const [dialog, setDialog] = useState<Exclude<HeaderAction, 'new-opportunity'> | null>(null);
  const [startNew, setStartNew] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const account = useAsync(() => unwrap(api.accounts[':id'].$get({ param: { id: accountId } })), [api, accountId, round]);
  // A reload after a save keeps the page (and the confirmation) in place while the fresh figures come.
  const last = useRef<typeof account.data>(undefined);
  if (account.status === 'done') last.current = account.data;
  if (account.status === 'error') return <ErrorState error={account.error} onRetry={account.reload} />;
  const a = account.status === 'done' ? account.data : last.current?.id === accountId ? last.current : undefined;
  if (!a) return <LoadingState label={t('account.loading')} />;
  const onAction = (action: HeaderAction) => {
    setSaved(null);
    if (action === 'new-opportunity') {
      setTab('opportunities');
      setStartNew((n) => n + 1);
    } else setDialog(action);
  };
  // Confirmed where it happened; the timeline (where the new item is) comes to the front.
  const done = (message: string) => {
    setSaved(message);
    setTab('timeline');
    setRound((r) => r + 1);
  };
  return (
    <article aria-labelledby="account-title" data-account-id={a.id}>
      <AccountHeader account={a} round={round} onAction={onAction} onChanged={() => setRound((r) => r + 1)} />
      {saved && (
        <MessageBar intent="success" className={s.saved} role="status" data-testid="account-saved">
          <MessageBarBody>{saved}</MessageBarBody>
          <MessageBarActions containerAction={<Button appearance="transparent" aria-label={t('common.close')} icon={<DismissRegular />} onClick={() => setSaved(null)} />} />
        </MessageBar>
      )}
      <FollowUpsPanel key={`follow-ups-${round}`} accountId={a.id} />
      <DuplicateBanner accountId={a.id} />
      <TabList className={s.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as AccountTab)} aria-label={t('account.sections')}>
        <Tab value="timeline">{t('account.tab.timeline')}</Tab>
        <Tab value="contacts">{t('account.tab.contacts')}</Tab>
        <Tab value="opportunities">{t('account.tab.opportunities')}</Tab>
        <Tab value="care">{t('account.tab.care')}</Tab>
        <Tab value="feedback">{t('account.tab.feedback')}</Tab>
      </TabList>
      <div className={s.panel} role="tabpanel" aria-label={t(`account.tab.${tab}`)}>
        {tab === 'timeline' && <TimelinePanel key={round} accountId={a.id} {...(interactionId ? { interactionId } : {})} />}
        {tab === 'contacts' && <ContactsPanel accountId={a.id} />}
        {tab === 'opportunities' && <OpportunityBoard accountId={a.id} startNew={startNew} onChanged={() => setRound((r) => r + 1)} />}
        {tab === 'opportunities' && <AccountProductsPanel accountId={a.id} round={round} />}
        {tab === 'care' && <CarePanel account={a} onChanged={() => setRound((r) => r + 1)} />}
        {tab === 'feedback' && <FeedbackPanel accountId={a.id} onChanged={() => setRound((r) => r + 1)} />}
      </div>
      <LogCallDialog accountId={a.id} accountName={a.name} open={dialog === 'log-call'} onClose={() => setDialog(null)} onLogged={() => done(t('account.saved.call'))} />
      <AddNoteDialog accountId={a.id} accountName={a.name} open={dialog === 'add-note'} onClose={() => setDialog(null)} onSaved={() => done(t('account.saved.note'))} />
      <FollowUpDialog accountId={a.id} accountName={a.name} open={dialog === 'follow-up'} onClose={() => setDialog(null)}
        onSaved={(dueOn) => done(t('account.saved.followUp', { date: formatDate(Date.parse(`${dueOn}T12:00:00`)) }))} />
    </article>
  );
}
