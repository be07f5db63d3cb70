// "Add note" on an account: a note on its timeline, titled there by its first line. Shared with the account
// team unless the writer keeps it to themselves.
import { useState } from 'react';
import {
  Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, MessageBar, MessageBarBody, Textarea, makeStyles, tokens,
} from '@fluentui/react-components';
import { unwrap, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { useFormSave } from './form-errors.ts';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export function AddNoteDialog({ accountId, accountName, open, onClose, onSaved }: {
  accountId: string;
  accountName: string;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { api, now } = useServices();
  const s = useStyles();
  const [note, setNote] = useState('');
  const [privateNote, setPrivateNote] = useState(false);
  const { errors, busy, save: run } = useFormSave(['note']);
  const save = async () => {
    const ok = await run(async () => {
      await unwrap(api.interactions.$post({
        json: { kind: 'note', occurredAt: now(), note: note.trim() || null, accountIds: [accountId], source: 'teams', visibility: privateNote ? 'private' : 'shared' },
      }));
    });
    if (!ok) return;
    setNote('');
    setPrivateNote(false);
    onSaved();
    onClose();
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{t('addNote.title', { name: accountName })}</DialogTitle>
          <DialogContent className={s.form}>
            {errors.general && <MessageBar intent="error"><MessageBarBody>{errors.general}</MessageBarBody></MessageBar>}
            <Field label={t('addNote.note')} hint={t('addNote.hint')} required validationMessage={errors.fields.note} validationState={errors.fields.note ? 'error' : 'none'}>
              <Textarea value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" rows={5} />
            </Field>
            <Checkbox checked={privateNote} onChange={(_, d) => setPrivateNote(!!d.checked)} label={t('addNote.private')} />
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>{t('common.cancel')}</Button>
            <Button appearance="primary" disabled={busy || !note.trim()} onClick={save}>{t('addNote.save')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
