// The account header's record actions: Edit (the dialog) and Archive, each disabled with the rule when the asker
// may not; after archiving "Archived. Undo", and on an archived account "Archived — Restore". At narrow widths
// they go, with the header's secondary actions (`more`), into one "More" menu, the rule as the group's heading.
import { useState, type ReactElement } from 'react';
import {
  Button, Caption1, Menu, MenuDivider, MenuGroup, MenuGroupHeader, MenuItem, MenuList, MenuPopover, MenuTrigger, makeStyles, tokens,
} from '@fluentui/react-components';
import { ArchiveRegular, EditRegular, MoreHorizontalRegular } from '@fluentui/react-icons';
import { ErrorState, unwrap, useI18n, type Account } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { AccountDialog } from './account-dialog.tsx';
import { ArchivedNotice } from './archived-notice.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, alignItems: 'flex-end' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', justifyContent: 'flex-end' },
  reason: { color: tokens.colorNeutralForeground3, maxWidth: '22rem', textAlign: 'end' },
  compact: { display: 'contents' },
  groupReason: { maxWidth: '16rem', whiteSpace: 'normal', fontWeight: tokens.fontWeightRegular },
});

export interface MoreAction {
  label: string;
  icon: ReactElement;
  onClick: () => void;
}

/**
 * onChanged: the account was saved (the page reloads it). Archive and restore answer the record: kept here, so
 * "Undo" stays. more: the header's secondary actions; given, everything is one "More" menu button.
 */
export function AccountRecordActions({ account, onChanged, more }: { account: Account; onChanged: () => void; more?: MoreAction[] }) {
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
  const dialog = <AccountDialog account={account} open={editing} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); onChanged(); }} />;
  if (more) {
    const locked = !can?.edit.allowed;
    return (
      <div className={s.compact}>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button icon={<MoreHorizontalRegular />}>{t('account.action.more')}</Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {more.map((m) => <MenuItem key={m.label} icon={m.icon} onClick={m.onClick}>{m.label}</MenuItem>)}
              {!archived && <MenuDivider />}
              {!archived && (
                <MenuGroup>
                  {locked && <MenuGroupHeader className={s.groupReason}>{t('records.reason.account')}</MenuGroupHeader>}
                  <MenuItem icon={<EditRegular />} disabled={locked} onClick={() => setEditing(true)}>{t('records.account.edit')}</MenuItem>
                  <MenuItem icon={<ArchiveRegular />} disabled={!can?.archive.allowed} onClick={() => void archive()}>{t('records.archive')}</MenuItem>
                </MenuGroup>
              )}
            </MenuList>
          </MenuPopover>
        </Menu>
        {(archived || error !== null) && (
          <div className={s.root}>
            {archived && <ArchivedNotice name={account.name} kind={justArchived ? 'justNow' : 'banner'} onUndo={restore} />}
            {error !== null && <ErrorState error={error} />}
          </div>
        )}
        {dialog}
      </div>
    );
  }
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
      {dialog}
    </div>
  );
}
