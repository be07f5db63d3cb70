// What the account's tier's care plan asks for this quarter or year, and whether each is done or still due.
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, ClockRegular } from '@fluentui/react-icons';
import { useI18n, type Account } from '../../../../web-shared/src/index.ts';

const useStyles = makeStyles({
  list: { listStyle: 'none', padding: 0, margin: `0 0 ${tokens.spacingVerticalM} 0`, display: 'grid', rowGap: tokens.spacingVerticalXS },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const DAY_MS = 86_400_000;

export function CarePlanItems({ account }: { account: Account }) {
  const { t, formatDate } = useI18n();
  const s = useStyles();
  const plan = account.carePlan;
  return (
    <>
      <h3><Text weight="semibold">{t('care.plan', { tier: plan.tier })}</Text></h3>
      {plan.items.length === 0 ? <Text as="p">{t('care.planEmpty')}</Text> : (
        <ul className={s.list} data-testid="care-plan">
          {plan.items.map((i) => (
            <li key={i.item} className={s.item} data-item={i.item} data-state={i.state}>
              {i.state === 'done' ? <CheckmarkCircleRegular aria-hidden /> : <ClockRegular aria-hidden />}
              <Text>{t(`care.item.${i.item}`, { done: i.done, target: i.target, period: t(`care.period.${i.periodEnd - i.periodStart > 200 * DAY_MS ? 'year' : 'quarter'}`) })}</Text>
              {i.state === 'done'
                ? <Badge appearance="tint" color="success">{t('care.done')}</Badge>
                // periodEnd is the first instant of the next period: due by the day before.
                : <Badge appearance="tint" color="warning">{t('care.dueBy', { date: formatDate(i.periodEnd - DAY_MS) })}</Badge>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
