// An account at a glance: name, tier and lifecycle, owner, last contact and when the next one is due.
import { Caption1, Card, CardHeader, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { TierBadge } from './tier-badge.tsx';

export interface AccountCardData {
  id: string;
  name: string;
  tier: string;
  lifecycle: string;
  domains: string[];
  lastContactAt: number | null;
  care: { cadenceDays: number | null; nextDueAt: number | null; overdue: boolean; daysOverdue: number };
  owner?: { displayName: string } | null;
  openPipelineCents?: number;
}

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0 },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  title: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export function AccountCard({ account, now = Date.now(), actions, children, headingLevel = 3 }: {
  account: AccountCardData;
  now?: number;
  actions?: ReactNode;
  children?: ReactNode;
  headingLevel?: 2 | 3 | 4;
}) {
  const { t, formatDate, formatRelative, formatMoney } = useI18n();
  const s = useStyles();
  const H = `h${headingLevel}` as const;
  const due = account.care.cadenceDays === null || account.care.nextDueAt === null
    ? t('account.noCadence')
    : account.care.overdue
      ? t('account.overdue', { days: account.care.daysOverdue })
      : formatDate(account.care.nextDueAt);
  return (
    <Card aria-label={account.name} data-account-id={account.id}>
      <CardHeader
        header={
          <H className={s.title} style={{ margin: 0 }}>
            <Text weight="semibold" size={400}>{account.name}</Text>
            <TierBadge tier={account.tier} />
          </H>
        }
        description={<Caption1>{[t(`lifecycle.${account.lifecycle}`), ...account.domains.slice(0, 2)].join(' · ')}</Caption1>}
        action={actions ? <>{actions}</> : undefined}
      />
      <dl className={s.facts}>
        {account.owner !== undefined && (
          <>
            <dt className={s.term}>{t('account.owner')}</dt>
            <dd className={s.value}>{account.owner?.displayName ?? t('account.noOwner')}</dd>
          </>
        )}
        <dt className={s.term}>{t('account.lastContact')}</dt>
        <dd className={s.value}>
          {account.lastContactAt === null ? t('account.never') : <time dateTime={new Date(account.lastContactAt).toISOString()} title={formatDate(account.lastContactAt)}>{formatRelative(account.lastContactAt, now)}</time>}
        </dd>
        <dt className={s.term}>{t('account.nextDue')}</dt>
        <dd className={mergeClasses(s.value, account.care.overdue && s.overdue)}>{due}</dd>
        {account.openPipelineCents !== undefined && (
          <>
            <dt className={s.term}>{t('account.openPipeline')}</dt>
            <dd className={s.value}>{formatMoney(account.openPipelineCents)}</dd>
          </>
        )}
      </dl>
      {children}
    </Card>
  );
}
