// "New account" for an unknown organisation's domain. A likely duplicate (a similar name) is shown with the
// evidence before anything is created: "Use this one" adds the domain to that account, "Create anyway" creates it.
import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiProblem, ErrorState, useI18n } from '../../../../web-shared/src/index.ts';
import { usePaneServices } from '../../app/pane-services.tsx';
import { createAccount } from '../capture/pane-api.ts';
import { LikelyDuplicate, useCreateOrUse } from './likely-duplicate.tsx';
import { useRecordFormStyles } from './new-contact-form.tsx';
import { TIERS, addDomainTo, readAccount, type Tier } from './record-api.ts';

export function NewAccountForm({ domain, suggested, onCancel, onSaved }: {
  domain: string; suggested: string; onCancel: () => void; onSaved: (name: string, existing: boolean) => void;
}) {
  const { api } = usePaneServices();
  const { t } = useI18n();
  const s = useRecordFormStyles();
  const [name, setName] = useState(suggested);
  const [tier, setTier] = useState<Tier>('C');
  const { busy, error, duplicate, run } = useCreateOrUse(onSaved);
  const create = (allowDuplicate: boolean) => run(() => createAccount(api, { name, domain, tier, allowDuplicate }), false);
  const use = (id: string) => run(async () => addDomainTo(api, await readAccount(api, id), domain), true);
  const fieldError = error instanceof ApiProblem ? error.fieldError('name') : undefined;
  return (
    <form className={s.form} aria-label={t('accountForm.title', { domain })} onSubmit={(e) => { e.preventDefault(); void create(false); }}>
      <Field label={t('accountForm.name')} required validationMessage={fieldError}>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <Field label={t('accountForm.tier')}>
        <Select value={tier} onChange={(_, d) => setTier(d.value as Tier)}>
          {TIERS.map((x) => <option key={x} value={x}>{t('account.tier', { tier: x })}</option>)}
        </Select>
      </Field>
      {duplicate && (
        <LikelyDuplicate kind="account" duplicates={duplicate.duplicates} busy={busy} onUse={(id) => void use(id)} onCreateAnyway={() => void create(true)} />
      )}
      {error !== null && !fieldError && !duplicate && <ErrorState error={error} />}
      <div className={s.actions}>
        {!duplicate && <Button type="submit" appearance="primary" size="small" disabled={busy || !name.trim()}>{t('accountForm.save')}</Button>}
        <Button size="small" onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
