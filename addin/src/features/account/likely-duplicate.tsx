// Before a likely duplicate is created from the pane: which records it looks like and why (the API's 409
// evidence), "Use this one" per record (the sender's address or domain joins it) and "Create anyway". "Use this
// one" is disabled with the rule when the person may not change that record, rather than refused after the fact.
import { Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { isLikelyDuplicate, useI18n, useAsync, type DuplicateCandidate } from '../../../../web-shared/src/index.ts';
import { usePaneServices } from '../../app/pane-services.tsx';
import { readAccount, readContact } from './record-api.ts';
import { evidenceText } from './duplicate-evidence.ts';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: `${tokens.spacingVerticalXS} 0 0`, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  reason: { color: tokens.colorNeutralForeground3 },
});

/**
 * The save of a "new account" or "add contact" form: busy while it runs, the error after it (a likely duplicate
 * apart, since the form then offers "Use this one" and "Create anyway"). existing: the record the sender joined
 * was an existing one rather than a new one (the pane's notice says which).
 */
export function useCreateOrUse(onSaved: (name: string, existing: boolean) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<{ name: string }>, existing: boolean) => {
    setBusy(true);
    setError(null);
    try {
      onSaved((await work()).name, existing);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return { busy, error, duplicate: isLikelyDuplicate(error) ? error : null, run };
}

export function LikelyDuplicate({ kind, duplicates, busy, onUse, onCreateAnyway }: {
  kind: 'account' | 'contact';
  duplicates: DuplicateCandidate[];
  busy: boolean;
  onUse: (id: string) => void;
  onCreateAnyway: () => void;
}) {
  const { api } = usePaneServices();
  const { t } = useI18n();
  const s = useStyles();
  // Each candidate as its own answer gives it: whether the person may add the address or domain to it.
  const ids = duplicates.map((d) => d.id).join(',');
  const records = useAsync(
    () => Promise.all(ids.split(',').map(async (id) => ({ id, edit: (await (kind === 'account' ? readAccount(api, id) : readContact(api, id))).can?.edit }))),
    [api, kind, ids],
  );
  const may = (id: string) => (records.status === 'done' ? records.data.find((r) => r.id === id)?.edit : undefined);
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="likely-duplicate">
      <MessageBarBody>
        <MessageBarTitle>{t(`duplicate.title.${kind}`)}</MessageBarTitle>
        {t(`duplicate.intro.${kind}`)}
        <ul className={s.list}>
          {duplicates.map((d) => {
            const edit = may(d.id);
            const locked = edit !== undefined && !edit.allowed;
            return (
              <li key={d.id} className={s.item} data-duplicate-id={d.id}>
                <Text weight="semibold">{d.name}</Text>
                <Caption1>{d.reasons.map((r) => evidenceText(t, r)).join(' · ')}</Caption1>
                <div className={s.actions}>
                  <Button size="small" disabled={busy || records.status === 'loading' || locked} onClick={() => onUse(d.id)} aria-label={t('duplicate.useThisLabel', { name: d.name })}>
                    {t('duplicate.useThis')}
                  </Button>
                </div>
                {locked && <Caption1 className={s.reason}>{t(`edit.reason.${kind}`)}</Caption1>}
              </li>
            );
          })}
        </ul>
        <div className={s.actions}>
          <Button appearance="primary" size="small" disabled={busy} onClick={onCreateAnyway}>{t('duplicate.createAnyway')}</Button>
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
