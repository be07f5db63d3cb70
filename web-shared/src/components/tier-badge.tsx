import { Badge, type BadgeProps } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n-context.tsx';

const COLOR: Record<string, BadgeProps['color']> = { A: 'brand', B: 'success', C: 'informative', D: 'subtle' };

/** The account's portfolio tier, A-D. */
export function TierBadge({ tier }: { tier: string }) {
  const { t } = useI18n();
  return (
    <Badge appearance="filled" color={COLOR[tier] ?? 'informative'} aria-label={t('account.tier', { tier })} title={t('account.tier', { tier })}>
      {tier}
    </Badge>
  );
}
