// A known contact's card in the pane's people list: their title or role and phone, and "Edit" to change them in
// place. The API's `can` decides: Edit is disabled with the rule when the person may not change this contact. The
// API's field errors sit on their fields; a save is confirmed on the card, which shows what the server stored.
import { Button, Caption1, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { EditRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { ApiProblem, ErrorState, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { usePaneServices } from '../../app/pane-services.tsx';
import { useRecordFormStyles } from './new-contact-form.tsx';
import { readContact, updateContactCard, type ContactRecord } from './record-api.ts';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  facts: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  saved: { color: tokens.colorPaletteGreenForeground1 },
});

/** The API's message for a field of the card; a list's item error ("phones.0") belongs to its field. */
function fieldMessage(error: unknown, field: 'title' | 'phones', t: (k: string) => string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const found = error.errors.find((e) => e.field === field || e.field.startsWith(`${field}.`));
  if (!found) return undefined;
  // The API's phone rule in the reader's language; other messages as the API wrote them.
  return field === 'phones' && /phone number/.test(found.message) ? t('contactCard.phoneInvalid') : found.message;
}

export function ContactCard({ contactId, name }: { contactId: string; name: string }) {
  const { api } = usePaneServices();
  const { t } = useI18n();
  const s = useStyles();
  const record = useAsync(() => readContact(api, contactId), [api, contactId]);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (record.status === 'error') return <ErrorState error={record.error} onRetry={record.reload} />;
  if (record.status === 'loading') return null;
  const c = record.data;
  const facts = [c.title, c.phones[0]].filter(Boolean).join(' · ');
  const may = c.can?.edit ?? { allowed: false, reason: null };
  return (
    <div className={s.card} data-testid="contact-card" data-contact-id={c.id}>
      {facts && <Caption1 className={s.facts}>{facts}</Caption1>}
      {!editing && (
        <div className={s.row}>
          <Button size="small" icon={<EditRegular />} disabled={!may.allowed} aria-label={t('contactCard.editLabel', { name })}
            onClick={() => { setSaved(false); setEditing(true); }}>
            {t('contactCard.edit')}
          </Button>
          <span role="status">{saved && <Caption1 className={s.saved}>{t('contactCard.saved')}</Caption1>}</span>
        </div>
      )}
      {!may.allowed && <Caption1 className={s.muted}>{t('edit.reason.contact')}</Caption1>}
      {editing && (
        <ContactCardForm
          contact={c}
          name={name}
          onCancel={() => setEditing(false)}
          onSaved={() => { setEditing(false); setSaved(true); record.reload(); }}
        />
      )}
    </div>
  );
}

function ContactCardForm({ contact, name, onCancel, onSaved }: { contact: ContactRecord; name: string; onCancel: () => void; onSaved: () => void }) {
  const { api } = usePaneServices();
  const { t } = useI18n();
  const s = useRecordFormStyles();
  const [title, setTitle] = useState(contact.title ?? '');
  const [phone, setPhone] = useState(contact.phones[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await updateContactCard(api, contact, { name: contact.name, title, phone });
      onSaved();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const titleError = fieldMessage(error, 'title', t);
  const phoneError = fieldMessage(error, 'phones', t);
  return (
    <form className={s.form} aria-label={t('contactCard.formLabel', { name })} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <Field label={t('contactCard.title')} validationMessage={titleError} data-field="title">
        <Input value={title} onChange={(_, d) => setTitle(d.value)} />
      </Field>
      <Field label={t('contactCard.phone')} validationMessage={phoneError} data-field="phones">
        <Input type="tel" inputMode="tel" value={phone} onChange={(_, d) => setPhone(d.value)} />
      </Field>
      {error !== null && !titleError && !phoneError && <ErrorState error={error} />}
      <div className={s.actions}>
        <Button type="submit" appearance="primary" size="small" disabled={busy}>{t('common.save')}</Button>
        <Button size="small" onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
