// A deal's product lines in the edit dialog: pick a product from the catalogue (its list price fills in and may
// be changed), the quantity, and see each line's total and their sum, which becomes the deal's value.
import { Button, Dropdown, Field, Input, Option, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useI18n, type Opportunity } from '../../../../web-shared/src/index.ts';
import { centsOf } from './record-errors.ts';

export interface CatalogueProduct { id: string; name: string; code: string; unitPrice: number; active: boolean }
export interface LineDraft { key: number; productId: string | null; product: string; quantity: string; unitPrice: string }

const useStyles = makeStyles({
  table: { backgroundColor: tokens.colorNeutralBackground1 },
  number: { width: '7rem', minWidth: '5rem' },
  productColumn: { width: '40%' },
  product: { minWidth: 0, width: '100%' },
  sum: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalS },
});

let nextKey = 1;
export const lineDraftsOf = (o: Opportunity): LineDraft[] =>
  o.lines.map((l) => ({ key: nextKey++, productId: l.productId, product: l.product, quantity: String(l.quantity), unitPrice: String(l.unitPrice / 100) }));

const quantityOf = (text: string) => Number(text.replace(/\s/g, '').replace(',', '.'));
/** A line's total in cents as the API rounds it, or null while its quantity or price is not a number. */
export function lineTotal(l: LineDraft): number | null {
  const q = quantityOf(l.quantity);
  const p = centsOf(l.unitPrice);
  if (!Number.isFinite(q) || p === null) return null;
  const x = Number((q * p).toPrecision(15));
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** The lines as the API takes them; a number that is not one is sent as such so the API names the field. */
export const linesPayload = (lines: readonly LineDraft[]) =>
  lines.map((l) => ({ ...(l.productId ? { productId: l.productId } : {}), product: l.product, quantity: quantityOf(l.quantity), unitPrice: centsOf(l.unitPrice) ?? Number.NaN }));

export function OpportunityLines({ lines, products, disabled, error, onChange }: {
  lines: LineDraft[]; products: CatalogueProduct[]; disabled: boolean; error: string | undefined; onChange: (lines: LineDraft[]) => void;
}) {
  const { t, formatMoney } = useI18n();
  const s = useStyles();
  const set = (key: number, patch: Partial<LineDraft>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const pick = (key: number, id: string | undefined) => {
    const p = products.find((x) => x.id === id);
    if (p) set(key, { productId: p.id, product: p.name, unitPrice: String(p.unitPrice / 100) });
  };
  const active = products.filter((p) => p.active);
  const totals = lines.map(lineTotal);
  const sum = totals.every((x) => x !== null) ? totals.reduce<number>((n, x) => n + x!, 0) : null;
  return (
    <Field label={t('products.lines.title')} validationMessage={error} validationState={error ? 'error' : 'none'} data-field="lines">
      {lines.length > 0 && (
        <Table className={s.table} size="small" aria-label={t('products.lines.title')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={s.productColumn}>{t('products.lines.product')}</TableHeaderCell>
              <TableHeaderCell>{t('products.lines.quantity')}</TableHeaderCell>
              <TableHeaderCell>{t('products.lines.unitPrice')}</TableHeaderCell>
              <TableHeaderCell>{t('products.lines.total')}</TableHeaderCell>
              <TableHeaderCell>{t('records.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {lines.map((l, i) => {
              const n = i + 1;
              const retired = l.productId !== null && !active.some((p) => p.id === l.productId);
              return (
                <TableRow key={l.key} data-testid="opportunity-line">
                  <TableCell>
                    <Dropdown className={s.product} aria-label={t('products.lines.productOf', { n })} disabled={disabled} placeholder={t('products.lines.pick')} value={l.product}
                      selectedOptions={l.productId ? [l.productId] : []} onOptionSelect={(_, x) => pick(l.key, x.optionValue)}>
                      {retired && <Option value={l.productId!} text={l.product} disabled>{t('products.lines.retired', { name: l.product })}</Option>}
                      {active.map((p) => <Option key={p.id} value={p.id} text={p.name}>{`${p.name} (${p.code})`}</Option>)}
                    </Dropdown>
                  </TableCell>
                  <TableCell>
                    <Input className={s.number} aria-label={t('products.lines.quantityOf', { n })} disabled={disabled} inputMode="decimal" value={l.quantity} onChange={(_, x) => set(l.key, { quantity: x.value })} />
                  </TableCell>
                  <TableCell>
                    <Input className={s.number} aria-label={t('products.lines.unitPriceOf', { n })} disabled={disabled} inputMode="decimal" value={l.unitPrice} onChange={(_, x) => set(l.key, { unitPrice: x.value })} />
                  </TableCell>
                  <TableCell data-testid="line-total">{totals[i] === null ? '–' : formatMoney(totals[i]!)}</TableCell>
                  <TableCell>
                    <Button appearance="subtle" icon={<DeleteRegular />} disabled={disabled} aria-label={t('products.lines.remove', { n })} onClick={() => onChange(lines.filter((x) => x.key !== l.key))} />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <div className={s.sum}>
        <Button icon={<AddRegular />} disabled={disabled || active.length === 0} onClick={() => onChange([...lines, { key: nextKey++, productId: null, product: '', quantity: '1', unitPrice: '' }])}>
          {t('products.lines.add')}
        </Button>
        {lines.length > 0 && <Text weight="semibold" data-testid="lines-sum">{t('products.lines.sum', { value: sum === null ? '–' : formatMoney(sum) })}</Text>}
      </div>
    </Field>
  );
}
