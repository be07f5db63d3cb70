// The catalogue: every product with its code, list price and whether it is still sold. Managers and admins add,
// change, deactivate and reactivate products; everyone else reads it, with the reason they cannot change it.
import { useState } from 'react';
import {
  Badge, Button, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, makeStyles, tokens,
} from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { ErrorState, LoadingState, describeError, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { ProductDialog } from './product-dialog.tsx';
import type { CatalogueProduct } from '../records/opportunity-lines.tsx';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', marginBottom: tokens.spacingVerticalS },
  table: { backgroundColor: tokens.colorNeutralBackground1, marginBottom: tokens.spacingVerticalXL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function CataloguePanel({ onChanged }: { onChanged: () => void }) {
  const { t, formatMoney } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const list = useAsync(() => unwrap(api.products.$get({ query: { includeInactive: 'true' } })), [api]);
  const [editing, setEditing] = useState<CatalogueProduct | 'new' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (list.status === 'loading') return <LoadingState />;
  if (list.status === 'error') return <ErrorState error={list.error} onRetry={list.reload} />;
  const { items, can } = list.data;
  const saved = () => {
    setEditing(null);
    list.reload();
    onChanged();
  };
  const setActive = async (p: CatalogueProduct, active: boolean) => {
    setFailure(null);
    try {
      await unwrap(api.products[':id'].$patch({ param: { id: p.id }, json: { active } }));
      saved();
    } catch (e) {
      setFailure(describeError(e, t).detail);
    }
  };
  return (
    <section aria-labelledby="catalogue-title">
      <div className={s.head}>
        <Title3 as="h2" id="catalogue-title">{t('products.catalogue')}</Title3>
        {can.edit.allowed && <Button icon={<AddRegular />} onClick={() => setEditing('new')}>{t('products.add')}</Button>}
      </div>
      {!can.edit.allowed && <MessageBar intent="info"><MessageBarBody>{t('products.readOnly')}</MessageBarBody></MessageBar>}
      {failure && <MessageBar intent="error" role="alert"><MessageBarBody>{failure}</MessageBarBody></MessageBar>}
      {items.length === 0 ? <Text as="p">{t('products.none')}</Text> : (
        <Table className={s.table} size="small" aria-labelledby="catalogue-title">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('products.name')}</TableHeaderCell>
              <TableHeaderCell>{t('products.code')}</TableHeaderCell>
              <TableHeaderCell>{t('products.unitPrice')}</TableHeaderCell>
              <TableHeaderCell>{t('products.status')}</TableHeaderCell>
              {can.edit.allowed && <TableHeaderCell>{t('records.actions')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((p) => (
              <TableRow key={p.id} data-product-code={p.code}>
                <TableCell>{p.name}</TableCell>
                <TableCell>{p.code}</TableCell>
                <TableCell>{formatMoney(p.unitPrice, p.currency)}</TableCell>
                <TableCell>{p.active ? t('products.active') : <Badge appearance="outline" color="informative">{t('products.inactive')}</Badge>}</TableCell>
                {can.edit.allowed && (
                  <TableCell>
                    <span className={s.actions}>
                      <Button size="small" onClick={() => setEditing(p)} aria-label={t('products.editNamed', { name: p.name })}>{t('records.edit')}</Button>
                      <Button size="small" onClick={() => void setActive(p, !p.active)} aria-label={t(p.active ? 'products.deactivateNamed' : 'products.reactivateNamed', { name: p.name })}>
                        {t(p.active ? 'products.deactivate' : 'products.reactivate')}
                      </Button>
                    </span>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ProductDialog product={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} onSaved={saved} />
    </section>
  );
}
