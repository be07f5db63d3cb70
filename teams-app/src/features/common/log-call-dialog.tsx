// "Log a call" in one dialog: when, how long, which contact, what was agreed. Saved as a call on the account;
// the API's validation messages appear beside their fields.
import { useState } from 'react';
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Textarea,
  makeStyles, tokens,
} from '@fluentui/react-components';
import { unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { useFormSave } from './form-errors.ts';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export function LogCallDialog({ accountId, accountName, open, onClose, onLogged }: {
  accountId: string;
  accountName: string;
  open: boolean;
  onClose: () => void;
  onLogged: () => void;
}) {
  const { t } = useI18n();
  const { api, now } = useServices();
  const s = useStyles();
  const contacts = useAsync(() => (open ? unwrap(api.accounts[':id'].contacts.$get({ param: { id: accountId } })) : Promise.resolve({ items: [], total: 0 })), [api, accountId, open]);
  const [contactId, setContactId] = useState('');
  const [minutes, setMinutes] = useState('15');
  const [note, setNote] = useState('');
  const [direction, setDirection] = useState<'outbound' | 'inbound'>('outbound');
  const { errors, busy, save: run } = useFormSave(['durationMinutes', 'note', 'participants.0.address']);
  const contact = contacts.data?.items.find((c) => c.id === contactId);
  const save = async () => {
    const ok = await run(async () => {
      const address = contact?.emails[0];
      await unwrap(api.interactions.$post({
        json: {
          kind: 'call', occurredAt: now(), subject: t('logCall.subject', { name: contact?.name ?? accountName }), note: note.trim() || null,
          // The API validates the figure; its message shows beside the field.
          durationMinutes: minutes.trim() === '' ? null : Math.round(Number(minutes)),
          participants: address ? [{ role: direction === 'outbound' ? 'to' : 'from', address, displayName: contact!.name }] : [],
          accountIds: [accountId], source: 'teams', visibility: 'shared',
        },
      }));
    });
    if (!ok) return;
    setNote('');
    onLogged();
    onClose();
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{t('logCall.title', { name: accountName })}</DialogTitle>
          <DialogContent className={s.form}>
            {errors.general && <MessageBar intent="error"><MessageBarBody>{errors.general}</MessageBarBody></MessageBar>}
            <Field label={t('logCall.contact')}>
              <Dropdown placeholder={t('logCall.noContact')} selectedOptions={contactId ? [contactId] : []} value={contact?.name ?? ''} onOptionSelect={(_, d) => setContactId(d.optionValue ?? '')}>
                {(contacts.data?.items ?? []).map((c) => <Option key={c.id} value={c.id}>{c.name}</Option>)}
              </Dropdown>
            </Field>
            <Field label={t('logCall.direction')}>
              <Dropdown selectedOptions={[direction]} value={t(`logCall.${direction}`)} onOptionSelect={(_, d) => setDirection(d.optionValue as 'outbound' | 'inbound')}>
                <Option value="outbound">{t('logCall.outbound')}</Option>
                <Option value="inbound">{t('logCall.inbound')}</Option>
              </Dropdown>
            </Field>
            <Field label={t('logCall.minutes')} validationMessage={errors.fields.durationMinutes} validationState={errors.fields.durationMinutes ? 'error' : 'none'}>
              <Input type="number" min={0} value={minutes} onChange={(_, d) => setMinutes(d.value)} />
            </Field>
            <Field label={t('logCall.note')} validationMessage={errors.fields.note} validationState={errors.fields.note ? 'error' : 'none'}>
              <Textarea value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>{t('common.cancel')}</Button>
            <Button appearance="primary" disabled={busy} onClick={save}>{t('logCall.save')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
