// The account's people, each with the colleagues who know them and how strongly (relationship strength over
// the last 180 days), so whoever picks up the account knows whom to ask for an introduction, and their roles in
// the account's open deals. "Show archived" brings archived contacts back, dimmed, with Restore.
import { Badge, Button, Caption1, Switch, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState, LoadingState, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';
import { StrengthBadge } from '../common/strength-badge.tsx';
import { useState } from 'react';
import { downloadText } from '../common/csv.ts';
import { AddRegular, ArchiveRegular, ArrowUndoRegular, EditRegular } from '@fluentui/react-icons';
import type { Contact } from '../../../../web-shared/src/index.ts';
import { ContactDialog } from '../records/contact-dialog.tsx';
import { ArchivedNotice } from '../records/archived-notice.tsx';

const useStyles = makeStyles({
  table: { backgroundColor: tokens.colorNeutralBackground1 },
  who: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  person: { display: 'inline-flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  bar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalS, alignItems: 'flex-start' },
  rowActions: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center', flexWrap: 'wrap' },
  reason: { color: tokens.colorNeutralForeground3 },
  // An archived contact ("Show archived"): dimmed, yet readable in every theme (no opacity on high contrast text).
  archivedRow: { color: tokens.colorNeutralForegroundDisabled },
  roles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/** Admins only: everything Suhde holds about the person, as the file the admin hands them (the export is audited). */
function ExportDataButton({ contactId, name }: { contactId: string; name: string }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const run = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const data = await unwrap(api.contacts[':id']['data-export'].$get({ param: { id: contactId }, query: { format: 'json' } }));
      downloadText(`${name.replace(/[^\p{L}\p{N}]+/gu, '-')}-data.json`, JSON.stringify(data, null, 2), 'application/json');
    } catch (error) {
      console.error('contact data export failed', { contactId, error });
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" appearance="subtle" disabled={busy} onClick={() => void run()} aria-label={t('contacts.exportDataFor', { name })}>
      {failed ? t('contacts.exportDataFailed') : t('contacts.exportData')}
    </Button>
  );
}

export function ContactsPanel({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const { api, me } = useServices();
  const admin = me.role === 'admin';
  const nameOf = useColleagueName();
  const s = useStyles();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [archived, setArchived] = useState<Contact | null>(null);
  const [archiveError, setArchiveError] = useState<unknown>(null);
  const [showArchived, setShowArchived] = useState(false);
  const data = useAsync(async () => {
    const [contacts, rel, roles, archivedOnes] = await Promise.all([
      unwrap(api.accounts[':id'].contacts.$get({ param: { id: accountId } })),
      unwrap(api.accounts[':id'].relationships.$get({ param: { id: accountId } })),
      unwrap(api.accounts[':id']['contact-roles'].$get({ param: { id: accountId } })),
      showArchived ? unwrap(api.contacts.$get({ query: { accountId, archived: 'only', limit: '200' } })) : { items: [] },
    ]);
    return { contacts: [...contacts.items, ...archivedOnes.items], rel, roles: roles.items };
  }, [api, accountId, showArchived]);
  if (data.status === 'loading') return <LoadingState />;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;
  const { contacts, rel, roles } = data.data;
  const archive = async (c: Contact) => {
    setArchiveError(null);
    try {
      setArchived(await unwrap(api.contacts[':id'].archive.$post({ param: { id: c.id } })));
      data.reload();
    } catch (e) {
      setArchiveError(e);
    }
  };
  const undo = async (c: Contact) => {
    await unwrap(api.contacts[':id'].restore.$post({ param: { id: c.id } }));
    setArchived(null);
    data.reload();
  };
  const restore = async (c: Contact) => {
    setArchiveError(null);
    try {
      await undo(c);
    } catch (e) {
      setArchiveError(e);
    }
  };
  return (
    <>
      <div className={s.bar}>
        <Button icon={<AddRegular />} onClick={() => setEditing('new')}>{t('records.contact.add')}</Button>
        <Switch label={t('records.showArchived')} checked={showArchived} onChange={(_, d) => setShowArchived(d.checked)} data-testid="contacts-show-archived" />
        {archived && <ArchivedNotice name={archived.name} kind="justNow" onUndo={() => undo(archived)} />}
        {archiveError !== null && <ErrorState error={archiveError} />}
      </div>
      <ContactDialog accountId={accountId} contact={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); data.reload(); }} />
      {!contacts.length ? <Text role="status">{t('contacts.none')}</Text> : (
      <Table className={s.table} aria-label={t('account.tab.contacts')} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('contacts.name')}</TableHeaderCell>
            <TableHeaderCell>{t('contacts.title')}</TableHeaderCell>
            <TableHeaderCell>{t('contacts.email')}</TableHeaderCell>
            <TableHeaderCell>{t('contacts.roles')}</TableHeaderCell>
            <TableHeaderCell>{t('contacts.knownBy')}</TableHeaderCell>
            <TableHeaderCell>{t('records.actions')}</TableHeaderCell>
            {admin && <TableHeaderCell>{t('contacts.privacy')}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {contacts.map((c) => {
            const knownBy = rel.contacts.filter((r) => r.contactId === c.id);
            const dealRoles = roles.filter((r) => r.contactId === c.id);
            const isArchived = c.archivedAt != null;
            return (
              <TableRow key={c.id} data-contact-id={c.id} data-archived={isArchived || undefined} className={isArchived ? s.archivedRow : undefined}>
                <TableCell>{c.name}{isArchived && <> <Badge appearance="outline" color="subtle">{t('records.archivedBadge')}</Badge></>}</TableCell>
                <TableCell>{c.title ?? ''}</TableCell>
                <TableCell>{c.emails.join(', ')}</TableCell>
                <TableCell>
                  <span className={s.roles} data-testid="contact-roles">
                    {dealRoles.map((r) => <span key={r.opportunityId}>{t('contacts.roleInDeal', { role: t(`role.${r.role}`), deal: r.opportunityName })}</span>)}
                  </span>
                </TableCell>
                <TableCell>
                  <span className={s.who}>
                    {knownBy.length === 0 && t('contacts.nobody')}
                    {knownBy.map((r) => (
                      <span key={r.userId} className={s.person}>
                        {nameOf(r.userId) ?? t('contacts.formerColleague')} <StrengthBadge strength={r.strength} label={r.label} />
                      </span>
                    ))}
                  </span>
                </TableCell>
                <TableCell>
                  {isArchived ? (
                  <span className={s.rowActions}>
                    <Button size="small" icon={<ArrowUndoRegular />} disabled={!c.can?.archive.allowed} onClick={() => void restore(c)} aria-label={t('records.restoreNamed', { name: c.name })}>{t('records.restore')}</Button>
                    {!c.can?.archive.allowed && <Caption1 className={s.reason}>{t('records.reason.contact')}</Caption1>}
                  </span>
                  ) : (
                  <span className={s.rowActions}>
                    <Button size="small" icon={<EditRegular />} disabled={!c.can?.edit.allowed} onClick={() => setEditing(c)} aria-label={t('records.contact.editNamed', { name: c.name })}>{t('records.edit')}</Button>
                    <Button size="small" icon={<ArchiveRegular />} disabled={!c.can?.archive.allowed} onClick={() => void archive(c)} aria-label={t('records.archiveNamed', { name: c.name })}>{t('records.archive')}</Button>
                    {!c.can?.edit.allowed && <Caption1 className={s.reason}>{t('records.reason.contact')}</Caption1>}
                  </span>
                  )}
                </TableCell>
                {admin && <TableCell><ExportDataButton contactId={c.id} name={c.name} /></TableCell>}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      )}
    </>
  );
}
