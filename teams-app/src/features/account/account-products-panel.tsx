// What this account has bought: the euros won per product over all its deals, and what is still open per product.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState, LoadingState, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalXL },
  table: { backgroundColor: tokens.colorNeutralBackground1, maxWidth: '48rem' },
  number: { textAlign: 'right', whiteSpace: 'nowrap' },
});

export function AccountProductsPanel({ accountId, round }: { accountId: string; round: number }) {
  const { t, formatMoney } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const bought = useAsync(() => unwrap(api.accounts[':id'].products.$get({ param: { id: accountId } })), [api, accountId, round]);
  return (
    <section className={s.section} aria-labelledby="account-products-title" data-testid="account-products">
      <Title3 as="h2" id="account-products-title">{t('products.account.title')}</Title3>
      {bought.status === 'loading' && <LoadingState />}
      {bought.status === 'error' && <ErrorState error={bought.error} onRetry={bought.reload} />}
      {bought.status === 'done' && (bought.data.products.length === 0 ? <Text as="p">{t('products.account.none')}</Text> : (
        <Table className={s.table} size="small" aria-labelledby="account-products-title">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('products.lines.product')}</TableHeaderCell>
              <TableHeaderCell>{t('products.account.won')}</TableHeaderCell>
              <TableHeaderCell>{t('products.account.deals')}</TableHeaderCell>
              <TableHeaderCell>{t('products.table.openPipeline')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {bought.data.products.map((p) => (
              <TableRow key={p.productId ?? 'other'}>
                <TableCell>{p.name ?? t('products.table.other')}</TableCell>
                <TableCell className={s.number}>{formatMoney(p.wonCents)}</TableCell>
                <TableCell className={s.number}>{p.wonDeals}</TableCell>
                <TableCell className={s.number}>{formatMoney(p.openPipelineCents)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ))}
    </section>
  );
}
