// A matched account in the pane: a two-line header (name, tier, owner; last contact, next due, open pipeline) that
// leaves the log action above the fold, and below the fold its open opportunities, last five interactions and
// "Open in Teams".
import { Button, Caption1, Link, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { EditRegular, OpenRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import {
  ErrorState, LoadingState, TierBadge, TimelineItem, teamsAccountDeepLink, teamsAppPageUrl, useI18n, type AsyncState,
} from '../../../../web-shared/src/index.ts';
import { colleagueName, usePaneServices } from '../../app/pane-services.tsx';
import type { accountDetails } from '../capture/pane-api.ts';
import type { MatchedAccount } from '../capture/match-summary.ts';
import { markAccountShown } from '../../app/timing.ts';
import { AccountCardEdit } from './account-card-edit.tsx';

export const OPEN_STAGES = new Set(['identified', 'contacted', 'offer', 'negotiation']);

const useStyles = makeStyles({
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  line1: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  owner: { marginLeft: 'auto', color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', flexShrink: 1, minWidth: '4em' },
  facts: { display: 'flex', flexWrap: 'wrap', margin: 0, padding: 0, listStyle: 'none', color: tokens.colorNeutralForeground2 },
  // "·" after each fact but the last, so a wrapped line never starts with one.
  fact: { whiteSpace: 'nowrap', ':not(:last-child)::after': { content: '"·"', padding: `0 ${tokens.spacingHorizontalXS}` } },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  opp: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, padding: `${tokens.spacingVerticalXXS} 0` },
  muted: { color: tokens.colorNeutralForeground3 },
  teams: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  edit: { flexShrink: 0 },
  saved: { color: tokens.colorPaletteGreenForeground1 },
});

export type AccountDetails = Awaited<ReturnType<typeof accountDetails>>;

/** The account in two lines: who it is and whose, and how the relationship stands; "Edit" opens its tier in place. */
export function AccountHeader({ account, onChanged }: { account: MatchedAccount; onChanged?: () => void }) {
  const services = usePaneServices();
  const { t, formatDate, formatRelative, formatMoney } = useI18n();
  const s = useStyles();
  const now = services.now?.() ?? Date.now();
  useEffect(() => markAccountShown(), []);
  const pipeline = account.openPipelineCents;
  const owner = account.ownerId ? (colleagueName(services, account.ownerId) ?? '—') : t('account.noOwner');
  const care = account.care;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <div className={s.header} role="group" aria-label={account.name} data-account-id={account.id}>
      <div className={s.line1}>
        <Text as="h3" weight="semibold" className={s.name} title={account.name}>{account.name}</Text>
        <TierBadge tier={account.tier} />
        <Caption1 className={s.owner} title={`${t('account.owner')}: ${owner}`}>{owner}</Caption1>
        <Button
          className={s.edit} size="small" appearance="subtle" icon={<EditRegular />} aria-expanded={editing}
          aria-label={t('accountCard.editLabel', { name: account.name })} title={t('accountCard.editLabel', { name: account.name })}
          onClick={() => { setSaved(null); setEditing((x) => !x); }}
        />
      </div>
      <ul className={s.facts}>
        <li className={s.fact}>
          <Caption1>
            {t('header.last')}{' '}
            {account.lastContactAt === null ? t('account.never') : (
              <time dateTime={new Date(account.lastContactAt).toISOString()} title={formatDate(account.lastContactAt)} data-testid="last-contact">
                {formatRelative(account.lastContactAt, now)}
              </time>
            )}
          </Caption1>
        </li>
        <li className={s.fact}>
          <Caption1 className={mergeClasses(care.overdue && s.overdue)}>
            {care.cadenceDays === null || care.nextDueAt === null
              ? t('account.noCadence')
              : care.overdue ? t('account.overdue', { days: care.daysOverdue }) : t('header.due', { date: formatDate(care.nextDueAt) })}
          </Caption1>
        </li>
        {pipeline !== undefined && pipeline > 0 && (
          <li className={s.fact}><Caption1>{t('header.pipeline', { amount: formatMoney(pipeline) })}</Caption1></li>
        )}
      </ul>
      {editing && (
        <AccountCardEdit
          accountId={account.id} name={account.name} onCancel={() => setEditing(false)}
          onSaved={(tier) => { setEditing(false); setSaved(t('accountCard.saved', { tier })); onChanged?.(); }}
        />
      )}
      <span role="status">{saved && <Caption1 className={s.saved}>{saved}</Caption1>}</span>
    </div>
  );
}

/** Below the fold: the account's open opportunities, its last five interactions and "Open in Teams". */
export function AccountMore({ account, details, showName }: { account: MatchedAccount; details: AsyncState<AccountDetails> & { reload: () => void }; showName: boolean }) {
  const services = usePaneServices();
  const { t, formatMoney } = useI18n();
  const s = useStyles();
  const now = services.now?.() ?? Date.now();
  const teamsUrl = services.teams.appId
    ? teamsAccountDeepLink({ appId: services.teams.appId, accountId: account.id, label: account.name, webOrigin: services.teams.webOrigin })
    : teamsAppPageUrl(services.teams.webOrigin, account.id);
  const open = details.data?.opportunities.filter((o) => OPEN_STAGES.has(o.stage)) ?? [];
  return (
    <section className={s.section} aria-label={`${t('section.recent')}: ${account.name}`}>
      {showName && <Text weight="semibold">{account.name}</Text>}
      {details.status === 'loading' && <LoadingState />}
      {details.status === 'error' && <ErrorState error={details.error} onRetry={details.reload} />}
      {open.length > 0 && (
        <ul className={s.list} aria-label={t('section.opportunities')}>
          {open.map((o) => (
            <li key={o.id} className={s.opp}>
              <span>{o.name}</span>
              <Caption1 className={s.muted}>{t(`stage.${o.stage}`)} · {formatMoney(o.value, o.currency)}</Caption1>
            </li>
          ))}
        </ul>
      )}
      {details.data && (details.data.timeline.length === 0 ? (
        <Caption1 className={s.muted}>{t('recent.empty')}</Caption1>
      ) : (
        <ul className={s.list} data-testid="recent-history">
          {details.data.timeline.map((i) => <TimelineItem key={i.id} item={i} now={now} />)}
        </ul>
      ))}
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
    </section>
  );
}
