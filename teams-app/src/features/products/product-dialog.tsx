// Add a product to the catalogue or change one: name, code and list price in euros. A code another product
// has is the API's 409, shown on the code field.
import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Input } from '@fluentui/react-components';
import { unwrap, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { NO_ERRORS, type FormErrors } from '../common/form-errors.ts';
import { centsOf, recordErrorsOf } from '../records/record-errors.ts';
import { GeneralError, RecordField, useFormStyles } from '../records/record-form.tsx';
import type { CatalogueProduct } from '../records/opportunity-lines.tsx';

const FIELDS = ['name', 'code', 'unitPrice'] as const;

export function ProductDialog({ product, open, onClose, onSaved }: { product: CatalogueProduct | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { api } = useServices();
  const s = useFormStyles();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [price, setPrice] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setName(product?.name ?? '');
    setCode(product?.code ?? '');
    setPrice(product ? String(product.unitPrice / 100) : '');
    setErrors(NO_ERRORS);
  }, [open, product]);

  const save = async () => {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      // Not a number: sent as such so the API names the field.
      const json = { name, code, unitPrice: centsOf(price) ?? Number.NaN };
      if (product) await unwrap(api.products[':id'].$patch({ param: { id: product.id }, json }));
      else await unwrap(api.products.$post({ json }));
      onSaved();
    } catch (e) {
      setErrors(recordErrorsOf(e, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={(_, x) => !x.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <DialogBody>
            <DialogTitle>{product ? t('products.editTitle', { name: product.name }) : t('products.addTitle')}</DialogTitle>
            <DialogContent className={s.form}>
              <div className={s.wide}><GeneralError errors={errors} /></div>
              <RecordField label={t('products.name')} name="name" errors={errors} className={s.wide}>
                <Input required value={name} onChange={(_, x) => setName(x.value)} />
              </RecordField>
              <RecordField label={t('products.code')} name="code" errors={errors} hint={t('products.codeHint')}>
                <Input required value={code} onChange={(_, x) => setCode(x.value)} />
              </RecordField>
              <RecordField label={t('products.unitPriceEur')} name="unitPrice" errors={errors}>
                <Input required inputMode="decimal" value={price} onChange={(_, x) => setPrice(x.value)} />
              </RecordField>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>{t('records.cancel')}</Button>
              <Button appearance="primary" type="submit" disabled={busy}>{product ? t('records.save') : t('products.add')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
