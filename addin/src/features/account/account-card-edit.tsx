// The account card's editor in the pane: the tier, which sets how often the account must be contacted. The API's
// `can.changeTier` decides: for anyone but the owner or a manager the control is disabled with the rule beside it.
// Loaded when opened, so `can` is the server's answer of now.
import { Button, Field, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiProblem, ErrorState, LoadingState, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { usePaneServices } from '../../app/pane-services.tsx';
import { useRecordFormStyles } from './new-contact-form.tsx';
import { TIERS, changeTier, readAccount, type Tier } from './record-api.ts';

export function AccountCardEdit({ accountId, name, onCancel, onSaved }: {
  accountId: string; name: string; onCancel: () => void; onSaved: (tier: Tier) => void;
}) {
  const { api } = usePaneServices();
  const { t } = useI18n();
  const s = useRecordFormStyles();
  const record = useAsync(() => readAccount(api, accountId), [api, accountId]);
  const [tier, setTier] = useState<Tier | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (record.status === 'loading') return <LoadingState />;
  if (record.status === 'error') return <ErrorState error={record.error} onRetry={record.reload} />;
  const a = record.data;
  const may = a.can.changeTier;
  const chosen = tier ?? (a.tier as Tier);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved((await changeTier(api, a.id, chosen)).tier as Tier);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const tierError = error instanceof ApiProblem ? error.fieldError('tier') : undefined;
  return (
    <form className={s.form} aria-label={t('accountCard.formLabel', { name })} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <Field label={t('accountForm.tier')} validationMessage={tierError} hint={may.allowed ? t('accountCard.tierHint') : t('edit.reason.tier')} data-field="tier">
        <Select value={chosen} disabled={!may.allowed} onChange={(_, d) => setTier(d.value as Tier)}>
          {TIERS.map((x) => <option key={x} value={x}>{t(`accountCard.tier.${x}`)}</option>)}
        </Select>
      </Field>
      {error !== null && !tierError && <ErrorState error={error} />}
      <div className={s.actions}>
        <Button type="submit" appearance="primary" size="small" disabled={busy || !may.allowed || chosen === a.tier}>{t('common.save')}</Button>
        <Button size="small" onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
