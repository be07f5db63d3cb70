// One search hit as a line to read: its title (or, for an item the viewer sees only as "a contact happened", its
// kind and date), where it belongs, and the highlighted fragment, the matching words marked. An archived hit (found
// with "Include archived") says so beside its title, so it is not taken for a live one.
import { Badge, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n, type SearchHit } from '../../../../web-shared/src/index.ts';

const useStyles = makeStyles({
  title: { fontWeight: tokens.fontWeightSemibold },
  titleLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  // A mark in the theme's own colours, so it reads in dark and high contrast too.
  mark: { backgroundColor: 'transparent', color: 'inherit', fontWeight: tokens.fontWeightBold, textDecoration: 'underline' },
  detail: { color: tokens.colorNeutralForeground2 },
});

export function HitText({ hit }: { hit: SearchHit }) {
  const i18n = useI18n();
  const { t } = i18n;
  const s = useStyles();
  const when = hit.occurredAt !== null ? i18n.formatDate(hit.occurredAt) : null;
  const title = hit.kind === 'interaction'
    ? (hit.title ?? t(hit.redacted ? 'search.redactedTitle' : 'search.untitled', { kind: t(`kind.${hit.itemKind ?? 'email'}`) }))
    : hit.title;
  const where = hit.kind === 'account' ? null : [hit.accountName ?? t('search.noAccount'), when].filter(Boolean).join(' · ');
  return (
    <>
      <span className={s.titleLine}>
        <Text className={s.title}>{title}</Text>
        {hit.archived && <Badge appearance="outline" color="subtle" size="small" data-testid="hit-archived">{t('records.archivedBadge')}</Badge>}
      </span>
      {where && <Caption1 className={s.detail}>{where}</Caption1>}
      {hit.highlight && (
        <Caption1 className={s.detail}>
          {hit.highlight.map((p, i) => (p.match ? <mark key={i} className={s.mark}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
        </Caption1>
      )}
    </>
  );
}
