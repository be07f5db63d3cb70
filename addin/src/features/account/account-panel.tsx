// One matched account in the pane: the card (tier, owner, last contact, next due), its open opportunities, its
// last five interactions and "Open in Teams".
import { Body1Strong, Caption1, Link, makeStyles, tokens } from '@fluentui/react-components';
import { OpenRegular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import {
  AccountCard, ErrorState, LoadingState, TimelineItem, teamsAccountDeepLink, teamsAppPageUrl, useI18n, type AsyncState,
} from '../../../../web-shared/src/index.ts';
import { colleagueName, usePaneServices } from '../../app/pane-services.tsx';
import type { accountDetails } from '../capture/pane-api.ts';
import type { MatchedAccount } from '../capture/match-summary.ts';
import { markAccountShown } from '../../app/timing.ts';

const OPEN = new Set(['identified', 'contacted', 'offer', 'negotiation']);

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  opp: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, padding: `${tokens.spacingVerticalXXS} 0` },
  muted: { color: tokens.colorNeutralForeground3 },
  teams: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, marginTop: tokens.spacingVerticalS },
});

/** The account's last five interactions (the timeline's first page of five). */
export function RecentHistory({ account, details, showName }: { account: MatchedAccount; details: AsyncState<AccountDetails>; showName: boolean }) {
  const services = usePaneServices();
  const { t } = useI18n();
  const s = useStyles();
  const now = services.now?.() ?? Date.now();
  if (details.status !== 'done') return null;
  return (
    <section className={s.section} aria-label={`${t('section.recent')}: ${account.name}`}>
      {showName && <Caption1 className={s.muted}>{account.name}</Caption1>}
      {details.data.timeline.length === 0 ? (
        <Caption1 className={s.muted}>{t('recent.empty')}</Caption1>
      ) : (
        <ul className={s.list} data-testid="recent-history">
          {details.data.timeline.map((i) => <TimelineItem key={i.id} item={i} now={now} />)}
        </ul>
      )}
    </section>
  );
}

export type AccountDetails = Awaited<ReturnType<typeof accountDetails>>;

export function AccountPanel({ account, details }: { account: MatchedAccount; details: AsyncState<AccountDetails> & { reload: () => void } }) {
  const services = usePaneServices();
  const { t, formatMoney } = useI18n();
  const s = useStyles();
  const now = services.now?.() ?? Date.now();
  useEffect(() => markAccountShown(), []);
  const open = details.data?.opportunities.filter((o) => OPEN.has(o.stage)) ?? [];
  const pipeline = open.reduce((sum, o) => sum + o.value, 0);
  const teamsUrl = services.teams.appId
    ? teamsAccountDeepLink({ appId: services.teams.appId, accountId: account.id, label: account.name, webOrigin: services.teams.webOrigin })
    : teamsAppPageUrl(services.teams.webOrigin, account.id);
  return (
    <AccountCard
      account={{ ...account, owner: account.ownerId ? { displayName: colleagueName(services, account.ownerId) ?? '—' } : null, ...(details.data ? { openPipelineCents: pipeline } : {}) }}
      now={now}
    >
      {details.status === 'loading' && <LoadingState />}
      {details.status === 'error' && <ErrorState error={details.error} onRetry={details.reload} />}
      {details.data && (
        <>
          {open.length > 0 && (
            <section className={s.section} aria-label={t('section.opportunities')}>
              <Body1Strong as="h4" style={{ margin: 0 }}>{t('section.opportunities')}</Body1Strong>
              <ul className={s.list}>
                {open.map((o) => (
                  <li key={o.id} className={s.opp}>
                    <span>{o.name}</span>
                    <Caption1 className={s.muted}>{t(`stage.${o.stage}`)} · {formatMoney(o.value, o.currency)}</Caption1>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <Link
        className={s.teams}
        href={teamsUrl}
        target="_blank"
        rel="noopener"
        onClick={(e) => {
          e.preventDefault();
          services.host.openInBrowser(teamsUrl);
        }}
      >
        <OpenRegular aria-hidden /> {t('recent.openInTeams')}
      </Link>
    </AccountCard>
  );
}
