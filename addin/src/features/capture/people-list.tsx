// Everyone on the item and who they are to Suhde: contacts (their card, editable in place), colleagues, and
// unknown external addresses with "add contact" (name from the display name, account from the domain or picked)
// and "new account", each warning of a likely duplicate first.
import { Badge, Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n, type MatchResult } from '../../../../web-shared/src/index.ts';
import type { MatchedAccount } from './match-summary.ts';
import { ContactCard } from '../account/contact-card.tsx';
import { NewAccountForm } from '../account/new-account-form.tsx';
import { NewContactForm } from '../account/new-contact-form.tsx';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  address: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
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
          {r.kind === 'contact' && r.contactId && <ContactCard contactId={r.contactId} name={r.displayName ?? r.address} />}
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
            <NewContactForm
              result={r}
              accounts={accounts}
              onCancel={() => setOpen(null)}
              onSaved={(name, existing) => {
                setOpen(null);
                onChanged(t(existing ? 'people.addressAdded' : 'people.contactAdded', { name, address: r.address }));
              }}
            />
          )}
          {open?.address === r.address && open.form === 'account' && r.suggestion?.newAccount && (
            <NewAccountForm
              domain={r.suggestion.newAccount.domain}
              suggested={r.suggestion.newAccount.name}
              onCancel={() => setOpen(null)}
              onSaved={(name, existing) => {
                setOpen(null);
                onChanged(t(existing ? 'people.domainAdded' : 'people.accountAdded', { name, domain: r.suggestion!.newAccount!.domain }));
              }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
