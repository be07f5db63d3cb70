// A meeting's business-review mark: whether the account's care plan counts it as a business review. The subject
// decides (QBR, liiketoimintakatsaus) until a person says otherwise; choosing "by subject" again hands it back.
import { useState } from 'react';
import { Field, Select } from '@fluentui/react-components';
import { unwrap, useI18n, type Interaction } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { useFormSave } from '../common/form-errors.ts';

type Choice = 'subject' | 'yes' | 'no';
const choiceOf = (v: boolean | null | undefined): Choice => (v == null ? 'subject' : v ? 'yes' : 'no');
const markOf = (c: Choice): boolean | null => (c === 'subject' ? null : c === 'yes');

export function BusinessReviewMark({ meeting, onChange }: { meeting: Interaction; onChange: (m: Interaction) => void }) {
  const { t } = useI18n();
  const { api } = useServices();
  const { errors, busy, save } = useFormSave(['businessReview']);
  const [saved, setSaved] = useState(false);
  const pick = async (c: Choice) => {
    setSaved(false);
    const ok = await save(async () => onChange(await unwrap(api.interactions[':id'].$patch({ param: { id: meeting.id }, json: { businessReview: markOf(c) } }))));
    setSaved(ok);
  };
  const problem = errors.fields.businessReview ?? errors.general;
  return (
    <Field
      label={t('meeting.review.label')} hint={t('meeting.review.hint')}
      validationMessage={problem ?? (saved ? t('meeting.review.saved') : undefined)} validationState={problem ? 'error' : saved ? 'success' : 'none'}
    >
      <Select value={choiceOf(meeting.businessReview)} disabled={busy} onChange={(_, d) => void pick(d.value as Choice)} data-testid="business-review-mark">
        <option value="subject">{t('meeting.review.bySubject')}</option>
        <option value="yes">{t('meeting.review.yes')}</option>
        <option value="no">{t('meeting.review.no')}</option>
      </Select>
    </Field>
  );
}
