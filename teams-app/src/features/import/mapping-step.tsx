// The mapping table: per column of the file, its header, a few values from the preview, and the field it fills
// (a dropdown per column), with the kind of records above it. The server suggested the first mapping.
import { Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../../../../web-shared/src/index.ts';
import { FIELDS, IMPORT_KINDS, type ImportJob, type ImportKind, type Mapping } from './import-api.ts';

const useStyles = makeStyles({
  kind: { maxWidth: '20rem', marginBottom: tokens.spacingVerticalM },
  sample: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  table: { tableLayout: 'auto' },
});

export function MappingStep({ job, mapping, onChange }: { job: ImportJob; mapping: Mapping; onChange: (m: Mapping) => void }) {
  const { t } = useI18n();
  const s = useStyles();
  const setKind = (kind: ImportKind) => {
    // Fields another kind does not have are cleared, the rest kept (a name is a name).
    const allowed = new Set(FIELDS[kind]);
    onChange({ kind, columns: mapping.columns.map((f) => (f && allowed.has(f) ? f : null)) });
  };
  const setColumn = (k: number, field: string) => {
    const columns = mapping.columns.map((f, i) => (i === k ? ((field || null) as Mapping['columns'][number]) : f === field ? null : f));
    onChange({ ...mapping, columns });
  };
  return (
    <section aria-labelledby="import-mapping-title">
      <Text as="h2" size={500} weight="semibold" block id="import-mapping-title">{t('import.mapping.title')}</Text>
      <Text as="p" block>{t('import.mapping.intro', { file: job.fileName, rows: job.totalRows })}</Text>
      <Field label={t('import.kind.label')} className={s.kind}>
        <Select value={mapping.kind} onChange={(_, d) => setKind(d.value as ImportKind)} data-testid="import-kind">
          {IMPORT_KINDS.map((k) => <option key={k} value={k}>{t(`import.kind.${k}`)}</option>)}
        </Select>
      </Field>
      <Table className={s.table} size="small" aria-label={t('import.mapping.table')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('import.mapping.column')}</TableHeaderCell>
            <TableHeaderCell>{t('import.mapping.sample')}</TableHeaderCell>
            <TableHeaderCell>{t('import.mapping.field')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {job.headers.map((h, k) => (
            <TableRow key={`${k}:${h}`} data-column={h}>
              <TableCell><Text weight="semibold">{h}</Text></TableCell>
              <TableCell><Text className={s.sample}>{job.preview.slice(0, 3).map((r) => r[k] ?? '').filter(Boolean).join(' · ') || t('common.none')}</Text></TableCell>
              <TableCell>
                <Select aria-label={t('import.mapping.fieldFor', { column: h })} value={mapping.columns[k] ?? ''} onChange={(_, d) => setColumn(k, d.value)}>
                  <option value="">{t('import.field.skip')}</option>
                  {FIELDS[mapping.kind].map((f) => <option key={f} value={f}>{t(`import.field.${f}`)}</option>)}
                </Select>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
