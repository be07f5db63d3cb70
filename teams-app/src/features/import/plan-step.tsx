// The dry run's (or the run's) rows: counts per outcome as filters, and a table of the rows with the outcome,
// the record's name and the reason (why refused, or what it matched).
import { useState } from 'react';
import { Badge, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState, LoadingState, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { loadRows, OUTCOMES, type ImportJob, type Outcome } from './import-api.ts';

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalS },
  reason: { overflowWrap: 'anywhere' },
});

const COLOUR: Record<Outcome, 'success' | 'informative' | 'warning' | 'subtle' | 'danger'> = {
  created: 'success', updated: 'informative', merged: 'warning', unchanged: 'subtle', refused: 'danger',
};

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  return <Badge appearance="tint" color={COLOUR[outcome]}>{t(`import.outcome.${outcome}`)}</Badge>;
}

export function PlanRows({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const [filter, setFilter] = useState<Outcome | null>(null);
  // Reloaded when the filter changes, and when the job moves on (the run replaces the dry run's rows).
  const rows = useAsync(() => loadRows(api, job.id, filter), [api, job.id, filter, job.status, job.doneRows]);
  const total = OUTCOMES.reduce((n, o) => n + job.counts[o], 0);
  return (
    <div>
      <div className={s.filters} role="group" aria-label={t('import.filters')}>
        <ToggleButton size="small" checked={filter === null} onClick={() => setFilter(null)}>{t('import.filter.all', { n: total })}</ToggleButton>
        {OUTCOMES.map((o) => (
          <ToggleButton key={o} size="small" checked={filter === o} data-outcome={o} onClick={() => setFilter(o)}>
            {t(`import.filter.${o}`, { n: job.counts[o] })}
          </ToggleButton>
        ))}
      </div>
      {rows.status === 'loading' && !rows.data && <LoadingState />}
      {rows.status === 'error' && <ErrorState error={rows.error} onRetry={rows.reload} />}
      {rows.data && (
        <>
          <Table size="small" aria-label={t('import.rows.table')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('import.rows.row')}</TableHeaderCell>
                <TableHeaderCell>{t('import.rows.outcome')}</TableHeaderCell>
                <TableHeaderCell>{t('import.rows.name')}</TableHeaderCell>
                <TableHeaderCell>{t('import.rows.reason')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.data.items.map((r) => (
                <TableRow key={r.rowNo} data-row={r.rowNo} data-outcome={r.outcome}>
                  <TableCell>{r.rowNo}</TableCell>
                  <TableCell><OutcomeBadge outcome={r.outcome} /></TableCell>
                  <TableCell>{r.label}</TableCell>
                  <TableCell><Text className={s.reason}>{r.reason ?? ''}</Text></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {rows.data.total > rows.data.items.length && <Text as="p" block>{t('import.rows.more', { shown: rows.data.items.length, n: rows.data.total })}</Text>}
        </>
      )}
    </div>
  );
}
