// Find and pick one account by name or domain: the channel tab's configuration and the meeting panel use it.
import { useState } from 'react';
import { Field, Radio, RadioGroup, SearchBox, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState, LoadingState, TierBadge, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';

export interface PickedAccount {
  id: string;
  name: string;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  option: { display: 'inline-flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

export function AccountPicker({ value, onPick, label }: { value: PickedAccount | null; onPick: (a: PickedAccount) => void; label: string }) {
  const { t } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const [q, setQ] = useState('');
  const found = useAsync(() => unwrap(api.accounts.$get({ query: { ...(q.trim() ? { q: q.trim() } : {}), limit: '20', sort: 'name' } as never })), [api, q]);
  return (
    <div className={s.root}>
      <Field label={label}>
        <SearchBox value={q} onChange={(_, d) => setQ(d.value)} placeholder={t('accounts.searchPlaceholder')} />
      </Field>
      {found.status === 'loading' && <LoadingState />}
      {found.status === 'error' && <ErrorState error={found.error} onRetry={found.reload} />}
      {found.status === 'done' && found.data.items.length === 0 && <Text role="status">{t('accounts.none')}</Text>}
      {found.status === 'done' && found.data.items.length > 0 && (
        <RadioGroup aria-label={t('picker.results')} value={value?.id ?? ''} onChange={(_, d) => {
          const a = found.data.items.find((x) => x.id === d.value);
          if (a) onPick({ id: a.id, name: a.name });
        }}>
          {found.data.items.map((a) => (
            <Radio key={a.id} value={a.id} data-account-id={a.id} label={<span className={s.option}>{a.name} <TierBadge tier={a.tier} /></span>} />
          ))}
        </RadioGroup>
      )}
    </div>
  );
}
