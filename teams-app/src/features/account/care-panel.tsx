// The care plan: the tier's cadence, the last and next contact, whether it is overdue, the plan's items (meetings,
// business review, NPS survey) done or due, each colleague's last contact; and the account team's notes, with a form to add one.
import { useState } from 'react';
import { Button, Field, MessageBar, MessageBarBody, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState, LoadingState, TimelineItem, unwrap, useAsync, useI18n, type Account } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../common/form-errors.ts';
import { CarePlanItems } from './care-plan-items.tsx';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))', gap: tokens.spacingHorizontalL },
  box: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM },
  facts: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', padding: 0, margin: 0 },
  note: { whiteSpace: 'pre-wrap', margin: `0 0 ${tokens.spacingVerticalS} 28px` },
});

export function CarePanel({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const { t, formatDate, formatRelative } = useI18n();
  const { api, now } = useServices();
  const nameOf = useColleagueName();
  const s = useStyles();
  const notes = useAsync(() => unwrap(api.accounts[':id'].timeline.$get({ param: { id: account.id }, query: { kind: 'note', limit: '20' } as never })), [api, account.id]);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const care = account.care;
  const add = async () => {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await unwrap(api.interactions.$post({ json: { kind: 'note', note: text, accountIds: [account.id], source: 'teams', visibility: 'shared' } }));
      setText('');
      notes.reload();
      onChanged();
    } catch (e) {
      setErrors(formErrorsOf(e, ['note']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={s.grid}>
      <section className={s.box} aria-labelledby="care-title">
        <h2 id="care-title"><Text size={400} weight="semibold">{t('care.title')}</Text></h2>
        <dl className={s.facts}>
          <dt className={s.term}>{t('care.cadence')}</dt>
          <dd className={s.dd}>{care.cadenceDays === null ? t('account.noCadence') : t('care.everyDays', { tier: account.tier, days: care.cadenceDays })}</dd>
          <dt className={s.term}>{t('account.lastContact')}</dt>
          <dd className={s.dd}>{care.lastContactAt ? `${formatDate(care.lastContactAt)} (${formatRelative(care.lastContactAt, now())})` : t('account.never')}</dd>
          <dt className={s.term}>{t('account.nextDue')}</dt>
          <dd className={care.overdue ? s.overdue : s.dd} data-testid="care-next">
            {care.cadenceDays === null ? t('account.noCadence') : care.overdue ? t('account.overdue', { days: care.daysOverdue }) : care.nextDueAt ? formatDate(care.nextDueAt) : ''}
          </dd>
        </dl>
        <CarePlanItems account={account} />
        <h3><Text weight="semibold">{t('care.byColleague')}</Text></h3>
        {account.careByUser.length === 0 ? <Text>{t('care.nobody')}</Text> : (
          <ul className={s.list}>
            {account.careByUser.map((c) => (
              <li key={c.userId}>{t('care.colleagueLine', { name: nameOf(c.userId) ?? t('contacts.formerColleague'), when: formatRelative(c.lastContactAt, now()), n: c.interactions })}</li>
            ))}
          </ul>
        )}
      </section>
      <section className={s.box} aria-labelledby="notes-title">
        <h2 id="notes-title"><Text size={400} weight="semibold">{t('notes.title')}</Text></h2>
        <form onSubmit={(e) => { e.preventDefault(); void add(); }}>
          {errors.general && <MessageBar intent="error"><MessageBarBody>{errors.general}</MessageBarBody></MessageBar>}
          <Field label={t('notes.new')} validationMessage={errors.fields.note} validationState={errors.fields.note ? 'error' : 'none'}>
            <Textarea value={text} onChange={(_, d) => setText(d.value)} resize="vertical" />
          </Field>
          <Button type="submit" appearance="primary" disabled={busy} style={{ marginTop: tokens.spacingVerticalS }}>{t('notes.add')}</Button>
        </form>
        {notes.status === 'loading' && <LoadingState />}
        {notes.status === 'error' && <ErrorState error={notes.error} onRetry={notes.reload} />}
        {notes.status === 'done' && (notes.data.items.length === 0 ? <Text as="p">{t('notes.none')}</Text> : (
          <ul className={s.list}>
            {notes.data.items.map((n) => (
              <li key={n.id}>
                <TimelineItem item={n} now={now()} as="div" />
                {n.note && <p className={s.note}>{n.note}</p>}
              </li>
            ))}
          </ul>
        ))}
      </section>
    </div>
  );
}
