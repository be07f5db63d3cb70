// A relationship strength 0-100 with its label (strong, warm, cooling, cold), in words as well as colour.
import { Badge, type BadgeProps } from '@fluentui/react-components';
import { useI18n } from '../../../../web-shared/src/index.ts';

const COLOR: Record<string, BadgeProps['color']> = { strong: 'success', warm: 'brand', cooling: 'warning', cold: 'danger', none: 'subtle' };

export function StrengthBadge({ strength, label }: { strength: number; label: string }) {
  const { t } = useI18n();
  const text = t(`strength.${label}`);
  return (
    <Badge appearance="tint" color={COLOR[label] ?? 'subtle'} title={t('strength.title', { strength, label: text })}>
      {label === 'none' ? text : `${text} ${strength}`}
    </Badge>
  );
}
