// "Follow up" on an account: by when, and what was promised. It shows in the user's Today when due, and the
// promise stays on the account's timeline as a note (POST /api/follow-ups).
import { useState } from 'react';
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody, Textarea, makeStyles, tokens,
} from '@fluentui/react-components';
import { unwrap, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { useFormSave } from './form-errors.ts';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

/** A local calendar date a number of days from `ms`, as YYYY-MM-DD. */
export function isoDay(ms: number, plusDays = 0): string {
  const d = new Date(ms);
  d.setDate(d.getDate() + plusDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function FollowUpDialog({ accountId, accountName, open, onClose, onSaved }: {
  accountId: string;
  accountName: string;
  open: boolean;
  onClose: () => void;
  onSaved: (dueOn: string) => void;
}) {
  const { t } = useI18n();
  const { api, now } = useServices();
  const s = useStyles();
  const [dueOn, setDueOn] = useState(() => isoDay(now(), 7));
  const [note, setNote] = useState('');
  const { errors, busy, save: run } = useFormSave(['dueOn', 'note']);
  const save = async () => {
    let savedOn = dueOn;
    const ok = await run(async () => {
      savedOn = (await unwrap(api['follow-ups'].$post({ json: { accountId, dueOn, note: note.trim() } }))).dueOn;
    });
    if (!ok) return;
    setNote('');
    onSaved(savedOn);
    onClose();
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{t('followUpDialog.title', { name: accountName })}</DialogTitle>
          <DialogContent className={s.form}>
            {errors.general && <MessageBar intent="error"><MessageBarBody>{errors.general}</MessageBarBody></MessageBar>}
            <Field label={t('followUpDialog.dueOn')} required validationMessage={errors.fields.dueOn} validationState={errors.fields.dueOn ? 'error' : 'none'}>
              <Input type="date" value={dueOn} min={isoDay(now())} onChange={(_, d) => setDueOn(d.value)} />
            </Field>
            <Field label={t('followUpDialog.note')} hint={t('followUpDialog.hint')} required validationMessage={errors.fields.note} validationState={errors.fields.note ? 'error' : 'none'}>
              <Textarea value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>{t('common.cancel')}</Button>
            <Button appearance="primary" disabled={busy || !note.trim() || !dueOn} onClick={save}>{t('followUpDialog.save')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
