// The account workspace: a header (tier, lifecycle, owner, domains, segment, latest NPS/CSAT) and the
// timeline, contacts, opportunities, care plan with notes, and feedback.
import { useState } from 'react';
import { Button, Caption1, Tab, TabList, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { CallRegular } from '@fluentui/react-icons';
import { ErrorState, LoadingState, TierBadge, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { LogCallDialog } from '../common/log-call-dialog.tsx';
import { TimelinePanel } from './timeline-panel.tsx';
import { ContactsPanel } from './contacts-panel.tsx';
import { OpportunityBoard } from './opportunity-board.tsx';
import { CarePanel } from './care-panel.tsx';
import { FeedbackPanel } from './feedback-panel.tsx';
import { DuplicateBanner } from '../duplicates/duplicate-banner.tsx';

const useStyles = makeStyles({
  header: {
    display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start', justifyContent: 'space-between',
    padding: tokens.spacingHorizontalL, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, marginBottom: tokens.spacingVerticalM,
  },
  title: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  facts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalXS, margin: `${tokens.spacingVerticalS} 0 0` },
  fact: { display: 'flex', flexDirection: 'column' },
  term: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
  panel: { paddingTop: tokens.spacingVerticalM },
});

export type AccountTab = 'timeline' | 'contacts' | 'opportunities' | 'care' | 'feedback';

export function AccountView({ accountId, interactionId }: { accountId: string; interactionId?: string }) {
  const { t, formatDate } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const [tab, setTab] = useState<AccountTab>('timeline');
  const [callOpen, setCallOpen] = useState(false);
  const [round, setRound] = useState(0);
  const account = useAsync(() => unwrap(api.accounts[':id'].$get({ param: { id: accountId } })), [api, accountId, round]);
  if (account.status === 'loading') return <LoadingState label={t('account.loading')} />;
  if (account.status === 'error') return <ErrorState error={account.error} onRetry={account.reload} />;
  const a = account.data;
  const segment = [a.industry, a.size ? t(`size.${a.size}`) : null, a.region].filter(Boolean).join(' · ') || t('common.none');
  const score = (f: { score: number; givenAt: number } | null, kind: 'nps' | 'csat') =>
    f ? t(`feedback.${kind}Score`, { score: f.score, date: formatDate(f.givenAt) }) : t('feedback.noneYet');
  return (
    <article aria-labelledby="account-title" data-account-id={a.id}>
      <header className={s.header}>
        <div>
          <Title2 as="h1" id="account-title" className={s.title}>
            {a.name} <TierBadge tier={a.tier} />
          </Title2>
          <dl className={s.facts}>
            <div className={s.fact}><dt className={s.term}><Caption1>{t('account.lifecycle')}</Caption1></dt><dd className={s.dd}>{t(`lifecycle.${a.lifecycle}`)}</dd></div>
            <div className={s.fact}><dt className={s.term}><Caption1>{t('account.owner')}</Caption1></dt><dd className={s.dd}>{a.owner?.displayName ?? t('account.noOwner')}</dd></div>
            <div className={s.fact}><dt className={s.term}><Caption1>{t('account.domains')}</Caption1></dt><dd className={s.dd}>{a.domains.join(', ') || t('common.none')}</dd></div>
            <div className={s.fact}><dt className={s.term}><Caption1>{t('account.segment')}</Caption1></dt><dd className={s.dd}>{segment}</dd></div>
            <div className={s.fact}><dt className={s.term}><Caption1>NPS</Caption1></dt><dd className={s.dd} data-testid="latest-nps">{score(a.latestFeedback.nps, 'nps')}</dd></div>
            <div className={s.fact}><dt className={s.term}><Caption1>CSAT</Caption1></dt><dd className={s.dd}>{score(a.latestFeedback.csat, 'csat')}</dd></div>
          </dl>
        </div>
        <Button icon={<CallRegular />} onClick={() => setCallOpen(true)}>{t('today.action.log-call')}</Button>
      </header>
      <DuplicateBanner accountId={a.id} />
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as AccountTab)} aria-label={t('account.sections')}>
        <Tab value="timeline">{t('account.tab.timeline')}</Tab>
        <Tab value="contacts">{t('account.tab.contacts')}</Tab>
        <Tab value="opportunities">{t('account.tab.opportunities')}</Tab>
        <Tab value="care">{t('account.tab.care')}</Tab>
        <Tab value="feedback">{t('account.tab.feedback')}</Tab>
      </TabList>
      <div className={s.panel} role="tabpanel" aria-label={t(`account.tab.${tab}`)}>
        {tab === 'timeline' && <TimelinePanel key={round} accountId={a.id} {...(interactionId ? { interactionId } : {})} />}
        {tab === 'contacts' && <ContactsPanel accountId={a.id} />}
        {tab === 'opportunities' && <OpportunityBoard accountId={a.id} />}
        {tab === 'care' && <CarePanel account={a} onChanged={() => setRound((r) => r + 1)} />}
        {tab === 'feedback' && <FeedbackPanel accountId={a.id} onChanged={() => setRound((r) => r + 1)} />}
      </div>
      <LogCallDialog accountId={a.id} accountName={a.name} open={callOpen} onClose={() => setCallOpen(false)} onLogged={() => setRound((r) => r + 1)} />
    </article>
  );
}
