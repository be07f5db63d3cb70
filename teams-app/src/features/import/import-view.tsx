// Import: a manager brings accounts, contacts or opportunities from a CSV file. Pick the file, check the mapping
// the server suggested against the preview, dry-run to see what each row would do, then run it as a job whose
// progress the page polls, and download the refused rows to fix them in the spreadsheet.
import { useEffect, useId, useState } from 'react';
import {
  Button, Caption1, Label, Link, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Spinner, Text, Title2, makeStyles, tokens,
} from '@fluentui/react-components';
import { ErrorState, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { downloadCsv } from '../common/csv.ts';
import { dryRun, loadImport, refusedCsv, startRun, uploadFile, type ImportJob, type Mapping } from './import-api.ts';
import { MappingStep } from './mapping-step.tsx';
import { PlanRows } from './plan-step.tsx';

const useStyles = makeStyles({
  intro: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalM },
  picker: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalM, maxWidth: '32rem' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM, marginBottom: tokens.spacingVerticalM },
  steps: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

const POLL_MS = 1000;

export function ImportView() {
  const { t } = useI18n();
  const { api, navigate } = useServices();
  const s = useStyles();
  const fileId = useId();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [previous, setPrevious] = useState<ImportJob | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [planned, setPlanned] = useState(false);
  const [busy, setBusy] = useState<'upload' | 'plan' | 'run' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const act = async (what: 'upload' | 'plan' | 'run', fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      // Shown as the API's problem (403 for a salesperson, 400 with the mapping's faults, 413 for a huge file).
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const upload = (file: File) => act('upload', async () => {
    const r = await uploadFile(api, file);
    setJob(r.import);
    setPrevious(r.previous);
    setMapping(r.suggested);
    setPlanned(false);
  });
  const plan = () => act('plan', async () => {
    const r = await dryRun(api, job!.id, mapping!);
    setJob(r.import);
    setPlanned(true);
  });
  const run = () => act('run', async () => setJob(await startRun(api, job!.id)));
  const reset = () => {
    setJob(null);
    setMapping(null);
    setPlanned(false);
    setPrevious(null);
    setError(null);
  };

  // While the job runs, its progress is read once a second.
  useEffect(() => {
    if (job?.status !== 'running') return;
    let live = true;
    const timer = setTimeout(() => {
      loadImport(api, job.id).then((j) => live && setJob(j), (e: unknown) => live && setError(e));
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, job]);

  const running = job?.status === 'running';
  const done = job?.status === 'done';
  const writes = job ? job.counts.created + job.counts.updated + job.counts.merged : 0;
  return (
    <section aria-labelledby="import-title">
      <Title2 as="h1" block id="import-title">{t('import.title')}</Title2>
      <Text as="p" block className={s.intro}>{t('import.intro')}</Text>
      {error !== null && <ErrorState error={error} />}
      {!job && (
        <div className={s.picker}>
          <Label htmlFor={fileId} weight="semibold">{t('import.file.label')}</Label>
          <input id={fileId} type="file" accept=".csv,text/csv,text/plain" disabled={busy !== null} data-testid="import-file"
            onChange={(e) => { const f = e.target.files?.[0]; if (f) void upload(f); }} />
          <Caption1>{t('import.file.hint')}</Caption1>
          {busy === 'upload' && <Spinner size="tiny" label={t('import.file.reading')} />}
        </div>
      )}
      {job && mapping && (
        <div className={s.steps}>
          {previous && (
            <MessageBar intent="info">
              <MessageBarBody>{t('import.previous', { when: new Date(previous.createdAt).toLocaleDateString() })}</MessageBarBody>
            </MessageBar>
          )}
          {!running && !done && (
            <>
              <MappingStep job={job} mapping={mapping} onChange={(m) => { setMapping(m); setPlanned(false); }} />
              <div className={s.actions}>
                <Button appearance={planned ? 'secondary' : 'primary'} onClick={() => void plan()} disabled={busy !== null} data-action="dry-run">
                  {busy === 'plan' ? t('import.planning') : t('import.dryRun')}
                </Button>
                <Button onClick={reset} disabled={busy !== null}>{t('import.otherFile')}</Button>
              </div>
            </>
          )}
          {planned && !running && !done && (
            <section aria-labelledby="import-plan-title">
              <Text as="h2" size={500} weight="semibold" block id="import-plan-title">{t('import.plan.title')}</Text>
              <Text as="p" block role="status">{t('import.plan.summary', { ...job.counts })}</Text>
              <PlanRows job={job} />
              <div className={s.actions}>
                <Button appearance="primary" onClick={() => void run()} disabled={busy !== null || writes === 0} data-action="run">
                  {t('import.run', { n: writes })}
                </Button>
                {job.status === 'failed' && <Text role="alert">{job.error}</Text>}
              </div>
            </section>
          )}
          {running && (
            <section aria-labelledby="import-run-title">
              <Text as="h2" size={500} weight="semibold" block id="import-run-title">{t('import.running.title')}</Text>
              <ProgressBar value={job.totalRows ? job.doneRows / job.totalRows : 0} thickness="large" aria-label={t('import.running.title')}
                aria-valuetext={t('import.running.progress', { done: job.doneRows, total: job.totalRows })} />
              <Text as="p" block role="status">
                {t('import.running.progress', { done: job.doneRows, total: job.totalRows })} · {t('import.plan.summary', { ...job.counts })}
              </Text>
            </section>
          )}
          {done && (
            <section aria-labelledby="import-done-title">
              <MessageBar intent="success" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle id="import-done-title">{t('import.done.title')}</MessageBarTitle>
                  {t('import.plan.summary', { ...job.counts })}
                </MessageBarBody>
              </MessageBar>
              <div className={s.actions}>
                {job.counts.refused > 0 && (
                  <Link data-action="download-refused" onClick={() => void act('run', async () => downloadCsv(`${job.fileName.replace(/\.csv$/i, '')}-refused.csv`, await refusedCsv(api, job.id)))}>
                    {t('import.done.downloadRefused', { n: job.counts.refused })}
                  </Link>
                )}
                <Button appearance="primary" onClick={() => navigate({ view: 'accounts' })}>{t('import.done.openAccounts')}</Button>
                <Button onClick={reset}>{t('import.otherFile')}</Button>
              </div>
              <PlanRows job={job} />
            </section>
          )}
        </div>
      )}
    </section>
  );
}
