// Edit an opportunity: name, value, expected close, probability and owner, and its buying committee; archive it from here. With product
// lines the value is their sum (the API's rule), so the value field is locked and says so. A won or lost deal's
// probability is fixed: the API's field error shows on the field. Product lines come from the catalogue
// (opportunity-lines.tsx).
import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Dropdown, Input, Option, makeStyles } from '@fluentui/react-components';
import { ArchiveRegular } from '@fluentui/react-icons';
import { unwrap, useAsync, useI18n, type Opportunity } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { NO_ERRORS, type FormErrors } from '../common/form-errors.ts';
import { centsOf, recordErrorsOf } from './record-errors.ts';
import { GeneralError, RecordField, useFormStyles } from './record-form.tsx';
import { lineDraftsOf, linesPayload, lineTotal, OpportunityLines, type LineDraft } from './opportunity-lines.tsx';
import { BuyingCommittee } from './buying-committee.tsx';

// Wide enough for the product lines' table (product, quantity, price, total) beside each other.
const useSurfaceStyles = makeStyles({ surface: { maxWidth: 'min(56rem, calc(100vw - 2rem))', width: '100%' } });
const FIELDS = ['name', 'value', 'expectedCloseDate', 'probability', 'ownerId', 'lines'] as const;
const NONE = '';
interface Draft { name: string; value: string; close: string; probability: string; ownerId: string; lines: LineDraft[] }
const draftOf = (o: Opportunity): Draft => ({
  name: o.name, value: String(o.value / 100), close: o.expectedCloseDate ?? '', probability: String(o.probability), ownerId: o.ownerId ?? NONE, lines: lineDraftsOf(o),
});

export function OpportunityDialog({ opportunity, open, onClose, onSaved, onArchived }: {
  opportunity: Opportunity; open: boolean; onClose: () => void; onSaved: (o: Opportunity) => void; onArchived: (o: Opportunity) => void;
}) {
  const { t } = useI18n();
  const { api, colleagues } = useServices();
  const s = useFormStyles();
  const surface = useSurfaceStyles();
  const [d, setD] = useState<Draft>(() => draftOf(opportunity));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setD(draftOf(opportunity));
    setErrors(NO_ERRORS);
  }, [open, opportunity]);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const can = opportunity.can;
  const locked = !can?.edit.allowed;
  const hasLines = d.lines.length > 0;
  const catalogue = useAsync(async () => (open ? (await unwrap(api.products.$get({ query: { includeInactive: 'true' } }))).items : []), [api, open]);
  const lineSum = d.lines.reduce<number | null>((n, l) => (n === null || lineTotal(l) === null ? null : n + lineTotal(l)!), 0);
  const shownValue = hasLines ? (lineSum === null ? '' : String(lineSum / 100)) : d.value;

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await what();
    } catch (e) {
      setErrors(recordErrorsOf(e, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const save = () => run(async () => {
    const before = draftOf(opportunity);
    const cents = centsOf(d.value);
    const patch = {
      ...(d.name !== before.name && { name: d.name }),
      // Not a number: sent as such so the API names the field.
      ...(!hasLines && d.value !== before.value && { value: cents ?? Number.NaN }),
      ...(JSON.stringify(linesPayload(d.lines)) !== JSON.stringify(linesPayload(before.lines)) && { lines: linesPayload(d.lines) }),
      ...(d.close !== before.close && { expectedCloseDate: d.close || null }),
      ...(d.probability !== before.probability && { probability: Number(d.probability) }),
      ...(d.ownerId !== before.ownerId && { ownerId: d.ownerId || null }),
    };
    onSaved(await unwrap(api.opportunities[':id'].$patch({ param: { id: opportunity.id }, json: patch })));
  });
  const archive = () => run(async () => onArchived(await unwrap(api.opportunities[':id'].archive.$post({ param: { id: opportunity.id } }))));

  const reason = locked ? t('records.reason.opportunity') : null;
  const ownerName = d.ownerId ? (colleagues.find((c) => c.id === d.ownerId)?.displayName ?? d.ownerId) : t('account.noOwner');
  return (
    <Dialog open={open} onOpenChange={(_, x) => !x.open && onClose()}>
      <DialogSurface className={surface.surface} aria-describedby={undefined}>
        <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <DialogBody>
            <DialogTitle>{t('records.opportunity.editTitle', { name: opportunity.name })}</DialogTitle>
            <DialogContent className={s.form}>
              <div className={s.wide}><GeneralError errors={errors} /></div>
              <RecordField label={t('pipeline.name')} name="name" errors={errors} lockedReason={reason} className={s.wide}>
                <Input required disabled={locked} value={d.name} onChange={(_, x) => set({ name: x.value })} />
              </RecordField>
              <RecordField label={t('pipeline.valueEur')} name="value" errors={errors} lockedReason={reason ?? (hasLines ? t('records.opportunity.valueFromLines') : null)}>
                <Input disabled={locked || hasLines} inputMode="decimal" value={shownValue} onChange={(_, x) => set({ value: x.value })} />
              </RecordField>
              <div className={s.wide}>
                <OpportunityLines lines={d.lines} products={catalogue.status === 'done' ? catalogue.data : []} disabled={locked} error={errors.fields.lines} onChange={(lines) => set({ lines })} />
              </div>
              <RecordField label={t('pipeline.closeDate')} name="expectedCloseDate" errors={errors}>
                <Input disabled={locked} type="date" value={d.close} onChange={(_, x) => set({ close: x.value })} />
              </RecordField>
              <RecordField label={t('records.opportunity.probability')} name="probability" errors={errors}>
                <Input disabled={locked} type="number" min={0} max={100} value={d.probability} onChange={(_, x) => set({ probability: x.value })} />
              </RecordField>
              <RecordField label={t('account.owner')} name="ownerId" errors={errors} lockedReason={!can?.changeOwner.allowed ? t('records.reason.opportunity') : null}>
                <Dropdown disabled={!can?.changeOwner.allowed} value={ownerName} selectedOptions={[d.ownerId]} onOptionSelect={(_, x) => set({ ownerId: x.optionValue ?? NONE })}>
                  <Option value={NONE}>{t('account.noOwner')}</Option>
                  {colleagues.filter((c) => c.role !== 'admin').map((c) => <Option key={c.id} value={c.id}>{c.displayName}</Option>)}
                </Dropdown>
              </RecordField>
              <div className={s.wide}><BuyingCommittee opportunity={opportunity} /></div>
            </DialogContent>
            <DialogActions fluid>
              <Button icon={<ArchiveRegular />} disabled={busy || !can?.archive.allowed} onClick={() => void archive()}>{t('records.archive')}</Button>
              <span className={s.spacer} />
              <Button appearance="secondary" onClick={onClose}>{t('records.cancel')}</Button>
              <Button appearance="primary" type="submit" disabled={busy || locked}>{t('records.save')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
