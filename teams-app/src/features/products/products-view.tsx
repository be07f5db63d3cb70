// The Products page: the catalogue, and what is sold to whom for how much over a period.
import { useState } from 'react';
import { Title2 } from '@fluentui/react-components';
import { useI18n } from '../../../../web-shared/src/index.ts';
import { CataloguePanel } from './catalogue-panel.tsx';
import { SalesTable } from './sales-table.tsx';

export function ProductsView() {
  const { t } = useI18n();
  // A catalogue change (a product renamed) shows in the table's column names at once.
  const [round, setRound] = useState(0);
  return (
    <article aria-labelledby="products-title">
      <Title2 as="h1" block id="products-title">{t('products.title')}</Title2>
      <CataloguePanel onChanged={() => setRound((r) => r + 1)} />
      <SalesTable round={round} />
    </article>
  );
}
