// Everyone on the item and who they are to Suhde: contacts, colleagues, and unknown external addresses with
// "add contact" (name from the display name, account from the domain or picked) and "new account".
import {
  Badge, Button, Caption1, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { ApiProblem, ErrorState, isLikelyDuplicate, useI18n, type MatchResult } from '../../../../web-shared/src/index.ts';
import { usePaneServices } from '../../app/pane-services.tsx';
import { createAccount, createContact } from './pane-api.ts';
import type { MatchedAccount } from './match-summary.ts';
import { AccountSearch } from '../common/account-search.tsx';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  address: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  form: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium,
  },
});

const KIND_LABEL: Record<string, string> = {
  contact: 'people.contact', colleague: 'people.colleague', account: 'people.unknown', unknown: 'people.unknown',
  ambiguous: 'people.ambiguous', personal: 'people.personal', blocked: 'people.blocked', invalid: 'people.unknown',
};
const KIND_COLOR = { contact: 'brand', colleague: 'informative', ambiguous: 'warning' } as const;

export function PeopleList({ results, accounts, onChanged }: { results: MatchResult[]; accounts: MatchedAccount[]; onChanged: (message: string) => void }) {
  const { t } = useI18n();
  const s = useStyles();
  const [open, setOpen] = useState<{ address: string; form: 'contact' | 'account' } | null>(null);
  return (
    <ul className={s.list} aria-label={t('section.people')}>
      {results.map((r) => (
        <li key={r.address} className={s.row} data-kind={r.kind} data-address={r.address}>
          <div className={s.head}>
            <Text weight="semibold">{r.displayName ?? r.address}</Text>
            <Badge appearance="tint" color={KIND_COLOR[r.kind as keyof typeof KIND_COLOR] ?? 'subtle'}>{t(KIND_LABEL[r.kind] ?? 'people.unknown')}</Badge>
            {r.automated && <Badge appearance="outline" color="subtle">{t('people.automated')}</Badge>}
          </div>
          {r.displayName && <Caption1 className={s.address}>{r.address}</Caption1>}
          {r.suggestion && !r.automated && (
            <div className={s.actions}>
              {r.suggestion.newContact && (
                <Button size="small" aria-expanded={open?.address === r.address && open.form === 'contact'} onClick={() => setOpen({ address: r.address, form: 'contact' })}>
                  {t('people.addContact')}
                </Button>
              )}
              {r.suggestion.newAccount && (
                <Button size="small" aria-expanded={open?.address === r.address && open.form === 'account'} onClick={() => setOpen({ address: r.address, form: 'account' })}>
                  {t('people.newAccount', { domain: r.suggestion.newAccount.domain })}
                </Button>
              )}
            </div>
          )}
          {open?.address === r.address && open.form === 'contact' && r.suggestion?.newContact && (
            <ContactForm
              result={r}
              accounts={accounts}
              onCancel={() => setOpen(null)}
              onSaved={(name) => {
                setOpen(null);
                onChanged(t('people.contactAdded', { name }));
              }}
            />
          )}
          {open?.address === r.address && open.form === 'account' && r.suggestion?.newAccount && (
            <AccountForm
              domain={r.suggestion.newAccount.domain}
              suggested={r.suggestion.newAccount.name}
              onCancel={() => setOpen(null)}
              onSaved={(name) => {
                setOpen(null);
                onChanged(t('people.accountAdded', { name }));
              }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

function ContactForm({ result, accounts, onCancel, onSaved }: { result: MatchResult; accounts: MatchedAccount[]; onCancel: () => void; onSaved: (name: string) => void }) {
  const { api } = usePaneServices();
  const { t } = useI18n();
  const s = useStyles();
  const [name, setName] = useState(result.suggestion?.newContact?.name ?? result.displayName ?? '');
  const [accountId, setAccountId] = useState<string>(result.suggestion?.newContact?.accountId ?? accounts[0]?.id ?? '');
  // An account found by search joins the choices (the item's addresses may not name the one the person works for).
  const [found, setFound] = useState<{ id: string; name: string }[]>([]);
  const choices = [...accounts, ...found.filter((f) => !accounts.some((a) => a.id === f.id))];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const c = await createContact(api, { name, address: result.address, accountId: accountId || null });
      onSaved(c.name);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const fieldError = error instanceof ApiProblem ? error.fieldError('name') : undefined;
  return (
    <form className={s.form} aria-label={t('contactForm.title', { address: result.address })} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
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
      {error !== null && !fieldError && <ErrorState error={error} />}
      <div className={s.actions}>
        <Button type="submit" appearance="primary" size="small" disabled={busy || !name.trim()}>{t('contactForm.save')}</Button>
        <Button size="small" onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}

function AccountForm({ domain, suggested, onCancel, onSaved }: { domain: string; suggested: string; onCancel: () => void; onSaved: (name: string) => void }) {
  const { api } = usePaneServices();
  const { t } = useI18n();
  const s = useStyles();
  const [name, setName] = useState(suggested);
  const [tier, setTier] = useState<'A' | 'B' | 'C' | 'D'>('C');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (allowDuplicate = false) => {
    setBusy(true);
    setError(null);
    try {
      const a = await createAccount(api, { name, domain, tier, allowDuplicate });
      onSaved(a.name);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const fieldError = error instanceof ApiProblem ? error.fieldError('name') : undefined;
  // The server's likely-duplicate answer: shown as a warning with the accounts it looks like, before anything is created.
  const duplicate = isLikelyDuplicate(error) ? error : null;
  return (
    <form className={s.form} aria-label={t('accountForm.title', { domain })} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <Field label={t('accountForm.name')} required validationMessage={fieldError}>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <Field label={t('accountForm.tier')}>
        <Select value={tier} onChange={(_, d) => setTier(d.value as 'A' | 'B' | 'C' | 'D')}>
          {(['A', 'B', 'C', 'D'] as const).map((x) => <option key={x} value={x}>{t('account.tier', { tier: x })}</option>)}
        </Select>
      </Field>
      {duplicate && (
        <MessageBar intent="warning" layout="multiline" data-testid="likely-duplicate">
          <MessageBarBody>
            <MessageBarTitle>{t('accountForm.duplicateTitle')}</MessageBarTitle>
            {t('accountForm.duplicateIntro')}
            <ul className={s.list}>
              {duplicate.duplicates.map((d) => <li key={d.id}><Text weight="semibold">{d.name}</Text> <Caption1>({d.reasons.join(', ')})</Caption1></li>)}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {error !== null && !fieldError && !duplicate && <ErrorState error={error} />}
      <div className={s.actions}>
        {duplicate
          ? <Button appearance="primary" size="small" disabled={busy || !name.trim()} onClick={() => void submit(true)}>{t('accountForm.createAnyway')}</Button>
          : <Button type="submit" appearance="primary" size="small" disabled={busy || !name.trim()}>{t('accountForm.save')}</Button>}
        <Button size="small" onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
