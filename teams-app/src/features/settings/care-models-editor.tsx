// The care models on the settings page: per tier, the contact cadence and what the care plan holds (meetings a
// quarter, a business review, an NPS survey), each with the API's message beside it.
import { Dropdown, Input, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../../../../web-shared/src/index.ts';
import type { FormErrors } from '../common/form-errors.ts';
import { RecordField } from '../records/record-form.tsx';
import { FREQUENCIES, TIERS, type Frequency, type Tier, type TierDraft } from './settings-draft.ts';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(15rem, 1fr))', gap: tokens.spacingHorizontalL },
  tier: {
    display: 'grid', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM, borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, margin: 0,
  },
});

export function CareModelsEditor({ tiers, errors, onChange }: {
  tiers: Record<Tier, TierDraft>; errors: FormErrors; onChange: (tier: Tier, patch: Partial<TierDraft>) => void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  const frequency = (tier: Tier, key: 'businessReview' | 'npsSurvey', label: string) => (
    <RecordField label={label} name={`carePlans.${tier}.${key}`} errors={errors}>
      <Dropdown value={t(`settings.frequency.${tiers[tier][key]}`)} selectedOptions={[tiers[tier][key]]} onOptionSelect={(_, d) => onChange(tier, { [key]: d.optionValue as Frequency })} data-testid={`${key}-${tier}`}>
        {FREQUENCIES.map((f) => <Option key={f} value={f}>{t(`settings.frequency.${f}`)}</Option>)}
      </Dropdown>
    </RecordField>
  );
  return (
    <div className={s.grid}>
      {TIERS.map((tier) => (
        <fieldset key={tier} className={s.tier} data-tier={tier}>
          <legend><Text weight="semibold">{t(`tier.${tier}`)}</Text></legend>
          <RecordField label={t('settings.cadence')} hint={t('settings.cadenceHint')} name={`cadenceDays.${tier}`} errors={errors}>
            <Input type="number" min={1} value={tiers[tier].cadence} onChange={(_, d) => onChange(tier, { cadence: d.value })} data-testid={`cadence-${tier}`} />
          </RecordField>
          <RecordField label={t('settings.meetingsPerQuarter')} name={`carePlans.${tier}.meetingsPerQuarter`} errors={errors}>
            <Input type="number" min={0} value={tiers[tier].meetings} onChange={(_, d) => onChange(tier, { meetings: d.value })} data-testid={`meetings-${tier}`} />
          </RecordField>
          {frequency(tier, 'businessReview', t('settings.businessReview'))}
          {frequency(tier, 'npsSurvey', t('settings.npsSurvey'))}
        </fieldset>
      ))}
    </div>
  );
}
