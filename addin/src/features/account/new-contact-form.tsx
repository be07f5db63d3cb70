// "Add contact" for an unknown sender: name from the display name, the account from the domain or picked. A
// likely duplicate (the same or a similar name at that account) is shown with the evidence before anything is
// created: "Use this one" adds the sender's address to that contact, "Create anyway" creates a second one.
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiProblem, ErrorState, useI18n, type MatchResult } from '../../../../web-shared/src/index.ts';
import { usePaneServices } from '../../app/pane-services.tsx';
import { createContact } from '../capture/pane-api.ts';
import type { MatchedAccount } from '../capture/match-summary.ts';
import { LikelyDuplicate, useCreateOrUse } from './likely-duplicate.tsx';
import { AccountSearch } from '../common/account-search.tsx';
import { addAddressTo, readContact } from './record-api.ts';

export const useRecordFormStyles = makeStyles({
  form: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingVerticalS, minWidth: 0,
    border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** onSaved: the contact created, or the existing one the address was added to (its name, for the pane's notice). */
export function NewContactForm({ result, accounts, onCancel, onSaved }: {
  result: MatchResult; accounts: MatchedAccount[]; onCancel: () => void; onSaved: (name: string, existing: boolean) => void;
}) {
  const { api } = usePaneServices();
  const { t } = useI18n();
  const s = useRecordFormStyles();
  const [name, setName] = useState(result.suggestion?.newContact?.name ?? result.displayName ?? '');
  const [accountId, setAccountId] = useState<string>(result.suggestion?.newContact?.accountId ?? accounts[0]?.id ?? '');
  // An account found by search joins the choices (the item's addresses may not name the one the person works for).
  const [found, setFound] = useState<{ id: string; name: string }[]>([]);
  const choices = [...accounts, ...found.filter((f) => !accounts.some((a) => a.id === f.id))];
  const { busy, error, duplicate, run } = useCreateOrUse(onSaved);
  const create = (allowDuplicate: boolean) => run(() => createContact(api, { name, address: result.address, accountId: accountId || null, allowDuplicate }), false);
  const use = (id: string) => run(async () => addAddressTo(api, await readContact(api, id), result.address), true);
  const fieldError = error instanceof ApiProblem ? error.fieldError('name') : undefined;
  return (
    <form className={s.form} aria-label={t('contactForm.title', { address: result.address })} onSubmit={(e) => { e.preventDefault(); void create(false); }}>
      <Field label={t('contactForm.name')} required validationMessage={fieldError}>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <Field label={t('contactForm.account')}>
        <Select value={accountId} onChange={(_, d) => setAccountId(d.value)}>
          <option value="">{t('contactForm.noAccount')}</option>
          {choices.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </Select>
      </Field>
      <AccountSearch onPick={(a) => { setFound((f) => [...f.filter((x) => x.id !== a.id), { id: a.id, name: a.name }]); setAccountId(a.id); }} />
      {duplicate && (
        <LikelyDuplicate kind="contact" duplicates={duplicate.duplicates} busy={busy} onUse={(id) => void use(id)} onCreateAnyway={() => void create(true)} />
      )}
      {error !== null && !fieldError && !duplicate && <ErrorState error={error} />}
      <div className={s.actions}>
        {!duplicate && <Button type="submit" appearance="primary" size="small" disabled={busy || !name.trim()}>{t('contactForm.save')}</Button>}
        <Button size="small" onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
