// The account header's record actions: Edit (the dialog) and Archive, each disabled with the rule when the asker
// may not; after archiving "Archived. Undo", and on an archived account "Archived — Restore".
import { useState } from 'react';
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { ArchiveRegular, EditRegular } from '@fluentui/react-icons';
import { ErrorState, unwrap, useI18n, type Account } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { AccountDialog } from './account-dialog.tsx';
import { ArchivedNotice } from './archived-notice.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, alignItems: 'flex-end' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', justifyContent: 'flex-end' },
  reason: { color: tokens.colorNeutralForeground3, maxWidth: '22rem', textAlign: 'end' },
});

/** onChanged: the account was saved (the page reloads it). Archive and restore answer the record: kept here, so "Undo" stays. */
export function AccountRecordActions({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const { t } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const [editing, setEditing] = useState(false);
  const [justArchived, setJustArchived] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const can = account.can;
  const [archivedAt, setArchivedAt] = useState<number | null>(account.archivedAt);
  const archived = archivedAt !== null;
  const restore = async () => {
    setArchivedAt((await unwrap(api.accounts[':id'].restore.$post({ param: { id: account.id } }))).archivedAt);
    setJustArchived(false);
  };
  const archive = async () => {
    setError(null);
    try {
      setArchivedAt((await unwrap(api.accounts[':id'].archive.$post({ param: { id: account.id } }))).archivedAt);
      setJustArchived(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className={s.root}>
      {archived && <ArchivedNotice name={account.name} kind={justArchived ? 'justNow' : 'banner'} onUndo={restore} />}
      {error !== null && <ErrorState error={error} />}
      {!archived && (
        <div className={s.buttons}>
          <Button icon={<EditRegular />} disabled={!can?.edit.allowed} onClick={() => setEditing(true)}>{t('records.account.edit')}</Button>
          <Button icon={<ArchiveRegular />} disabled={!can?.archive.allowed} onClick={() => void archive()}>{t('records.archive')}</Button>
        </div>
      )}
      {!archived && !can?.edit.allowed && <Caption1 className={s.reason}>{t('records.reason.account')}</Caption1>}
      <AccountDialog account={account} open={editing} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); onChanged(); }} />
    </div>
  );
}
