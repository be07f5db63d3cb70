// NPS and CSAT history, newest first, and a form to record feedback a contact gave.
import { useState } from 'react';
import {
  Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Textarea,
  makeStyles, tokens,
} from '@fluentui/react-components';
import { ErrorState, LoadingState, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../common/form-errors.ts';

const useStyles = makeStyles({
  table: { backgroundColor: tokens.colorNeutralBackground1, marginBottom: tokens.spacingVerticalL },
  form: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
});

export function FeedbackPanel({ accountId, onChanged }: { accountId: string; onChanged: () => void }) {
  const { t, formatDate } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const data = useAsync(async () => {
    const [feedback, contacts] = await Promise.all([
      unwrap(api.accounts[':id'].feedback.$get({ param: { id: accountId } })),
      unwrap(api.accounts[':id'].contacts.$get({ param: { id: accountId } })),
    ]);
    return { feedback: feedback.items, contacts: contacts.items };
  }, [api, accountId]);
  const [kind, setKind] = useState<'nps' | 'csat'>('nps');
  const [score, setScore] = useState('');
  const [contactId, setContactId] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  if (data.status === 'loading') return <LoadingState />;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;
  const contactName = (id: string | null) => data.data.contacts.find((c) => c.id === id)?.name ?? '';
  const submit = async () => {
    setErrors(NO_ERRORS);
    try {
      await unwrap(api.accounts[':id'].feedback.$post({
        param: { id: accountId },
        json: { kind, score: score.trim() === '' ? Number.NaN : Number(score), contactId: contactId || null, comment: comment.trim() || null },
      }));
      setScore('');
      setComment('');
      data.reload();
      onChanged();
    } catch (e) {
      setErrors(formErrorsOf(e, ['score', 'comment', 'kind']));
    }
  };
  return (
    <section aria-label={t('account.tab.feedback')}>
      {data.data.feedback.length === 0 ? <Text as="p">{t('feedback.none')}</Text> : (
        <Table className={s.table} aria-label={t('account.tab.feedback')} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('feedback.date')}</TableHeaderCell>
              <TableHeaderCell>{t('feedback.kind')}</TableHeaderCell>
              <TableHeaderCell>{t('feedback.score')}</TableHeaderCell>
              <TableHeaderCell>{t('feedback.contact')}</TableHeaderCell>
              <TableHeaderCell>{t('feedback.comment')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.data.feedback.map((f) => (
              <TableRow key={f.id}>
                <TableCell>{formatDate(f.givenAt)}</TableCell>
                <TableCell>{f.kind.toUpperCase()}</TableCell>
                <TableCell>{f.score}</TableCell>
                <TableCell>{contactName(f.contactId)}</TableCell>
                <TableCell>{f.comment ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <form className={s.form} aria-label={t('feedback.new')} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        {errors.general && <MessageBar intent="error"><MessageBarBody>{errors.general}</MessageBarBody></MessageBar>}
        <Field label={t('feedback.kind')}>
          <Dropdown selectedOptions={[kind]} value={kind.toUpperCase()} onOptionSelect={(_, d) => setKind(d.optionValue as 'nps' | 'csat')}>
            <Option value="nps">NPS (0–10)</Option>
            <Option value="csat">CSAT (1–5)</Option>
          </Dropdown>
        </Field>
        <Field label={t('feedback.score')} validationMessage={errors.fields.score} validationState={errors.fields.score ? 'error' : 'none'}>
          <Input type="number" value={score} onChange={(_, d) => setScore(d.value)} />
        </Field>
        <Field label={t('feedback.contact')}>
          <Dropdown placeholder={t('logCall.noContact')} selectedOptions={contactId ? [contactId] : []} value={contactName(contactId || null)} onOptionSelect={(_, d) => setContactId(d.optionValue ?? '')}>
            {data.data.contacts.map((c) => <Option key={c.id} value={c.id}>{c.name}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('feedback.comment')} validationMessage={errors.fields.comment} validationState={errors.fields.comment ? 'error' : 'none'}>
          <Textarea value={comment} onChange={(_, d) => setComment(d.value)} />
        </Field>
        <Button type="submit">{t('feedback.add')}</Button>
      </form>
    </section>
  );
}
