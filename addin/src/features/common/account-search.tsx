// Find any account to pick, not only those the item's addresses matched: by its name or domain, or by one of its
// contacts' names or addresses (GET /api/search), so "the account Matti works for" is one word away. Archived
// accounts are found too, marked "Archived", after the live ones: POST /api/interactions and POST /api/contacts both
// take an archived account (only a deleted one is refused), so the picker offers what the API accepts.
import { useEffect, useState } from 'react';
import { Badge, Caption1, Field, Radio, RadioGroup, SearchBox, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState, accountCandidates, searchRecords, searchable, useI18n, type AccountCandidate } from '../../../../web-shared/src/index.ts';
import { usePaneServices } from '../../app/pane-services.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  via: { color: tokens.colorNeutralForeground3 },
});

export function AccountSearch({ onPick }: { onPick: (a: AccountCandidate) => void }) {
  const { api } = usePaneServices();
  const { t } = useI18n();
  const s = useStyles();
  const [q, setQ] = useState('');
  const [state, setState] = useState<{ status: 'idle' | 'loading' } | { status: 'done'; items: AccountCandidate[] } | { status: 'error'; error: unknown }>({ status: 'idle' });
  const [picked, setPicked] = useState('');

  useEffect(() => {
    const text = q.trim();
    if (!searchable(text)) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      setState({ status: 'loading' });
      searchRecords(api, text, { kinds: ['account', 'contact'], limit: 8, includeArchived: true }).then(
        (r) => { if (current) setState({ status: 'done', items: accountCandidates(r).slice(0, 8) }); },
        (error: unknown) => { if (current) setState({ status: 'error', error }); },
      );
    }, 250);
    return () => { current = false; clearTimeout(timer); };
  }, [api, q]);

  return (
    <div className={s.root}>
      <Field label={t('accountSearch.label')}>
        <SearchBox size="small" value={q} onChange={(_, d) => setQ(d.value)} placeholder={t('accountSearch.placeholder')} />
      </Field>
      {state.status === 'loading' && <Spinner size="tiny" label={t('accountSearch.searching')} />}
      {state.status === 'error' && <ErrorState error={state.error} />}
      {state.status === 'done' && state.items.length === 0 && <Text role="status">{t('accountSearch.none')}</Text>}
      {state.status === 'done' && state.items.length > 0 && (
        <RadioGroup aria-label={t('accountSearch.results')} value={picked} onChange={(_, d) => {
          const a = state.items.find((x) => x.id === d.value);
          if (!a) return;
          setPicked(a.id);
          onPick(a);
        }}>
          {state.items.map((a) => (
            <Radio key={a.id} value={a.id} data-account-id={a.id} label={
              <>
                {a.name}
                {a.viaContact && <Caption1 className={s.via}> {t('accountSearch.via', { name: a.viaContact })}</Caption1>}
                {a.archived && <> <Badge appearance="outline" color="subtle" size="small" data-testid="account-archived">{t('accountSearch.archived')}</Badge></>}
              </>
            } />
          ))}
        </RadioGroup>
      )}
    </div>
  );
}
