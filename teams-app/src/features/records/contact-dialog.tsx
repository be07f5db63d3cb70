// Create or edit a contact at an account: name, title, addresses, phones. An address another contact holds comes
// back as the API's field error on the addresses; a likely duplicate (same name at the account) asks first.
import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Input } from '@fluentui/react-components';
import { unwrap, useI18n, type Contact } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { NO_ERRORS, type FormErrors } from '../common/form-errors.ts';
import { likelyDuplicatesOf, listOf, recordErrorsOf, type LikelyDuplicate } from './record-errors.ts';
import { DuplicateWarning, GeneralError, RecordField, useFormStyles } from './record-form.tsx';

const FIELDS = ['name', 'title', 'emails', 'phones'] as const;
interface Draft { name: string; title: string; emails: string; phones: string }
const draftOf = (c: Contact | null): Draft => ({ name: c?.name ?? '', title: c?.title ?? '', emails: c?.emails.join(', ') ?? '', phones: c?.phones.join(', ') ?? '' });

/** contact: null creates one at accountId. onOpenDuplicate: where "Open <name>" goes (the contact's account). */
export function ContactDialog({ accountId, contact, open, onClose, onSaved }: {
  accountId: string; contact: Contact | null; open: boolean; onClose: () => void; onSaved: (c: Contact) => void;
}) {
  const { t } = useI18n();
  const { api, navigate } = useServices();
  const s = useFormStyles();
  const [d, setD] = useState<Draft>(() => draftOf(contact));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [duplicates, setDuplicates] = useState<LikelyDuplicate[] | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setD(draftOf(contact));
    setErrors(NO_ERRORS);
    setDuplicates(null);
  }, [open, contact]);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));

  const save = async (allowDuplicate = false) => {
    setBusy(true);
    setErrors(NO_ERRORS);
    const body = { name: d.name, title: d.title.trim() || null, emails: listOf(d.emails), phones: listOf(d.phones) };
    try {
      const saved = contact
        ? await unwrap(api.contacts[':id'].$patch({ param: { id: contact.id }, json: body }))
        : await unwrap(api.contacts.$post({ json: { ...body, accountId, ...(allowDuplicate ? { allowDuplicate: true } : {}) } }));
      onSaved(saved);
    } catch (e) {
      const dup = contact ? null : likelyDuplicatesOf(e);
      if (dup) setDuplicates(dup);
      else setErrors(recordErrorsOf(e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, x) => !x.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <DialogBody>
            <DialogTitle>{contact ? t('records.contact.editTitle', { name: contact.name }) : t('records.contact.newTitle')}</DialogTitle>
            <DialogContent className={s.form}>
              <div className={s.wide}><GeneralError errors={errors} /></div>
              {duplicates && (
                <div className={s.wide}>
                  <DuplicateWarning duplicates={duplicates} busy={busy} onCreateAnyway={() => void save(true)}
                    onOpen={() => { onClose(); navigate({ view: 'account', accountId }); }} />
                </div>
              )}
              <RecordField label={t('contacts.name')} name="name" errors={errors}>
                <Input required value={d.name} onChange={(_, x) => set({ name: x.value })} />
              </RecordField>
              <RecordField label={t('contacts.title')} name="title" errors={errors}>
                <Input value={d.title} onChange={(_, x) => set({ title: x.value })} />
              </RecordField>
              <RecordField label={t('records.contact.emails')} name="emails" errors={errors} hint={t('records.listHint')} className={s.wide}>
                <Input type="text" inputMode="email" value={d.emails} onChange={(_, x) => set({ emails: x.value })} />
              </RecordField>
              <RecordField label={t('records.contact.phones')} name="phones" errors={errors} hint={t('records.listHint')} className={s.wide}>
                <Input type="text" inputMode="tel" value={d.phones} onChange={(_, x) => set({ phones: x.value })} />
              </RecordField>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>{t('records.cancel')}</Button>
              <Button appearance="primary" type="submit" disabled={busy}>{contact ? t('records.save') : t('records.contact.create')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
