// The tenant's settings for administrators: care models per tier (cadence and care plan), what the sync keeps
// (default visibility, snippets), internal and blocked domains and addresses, and retention. Saved in one PUT;
// the API validates, its messages show beside the fields, and a save is confirmed on the page (and audited).
import { useState } from 'react';
import { Button, Dropdown, MessageBar, MessageBarBody, Option, Switch, Text, Textarea, Title2, Input, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState, LoadingState, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { useFormSave } from '../common/form-errors.ts';
import { GeneralError, RecordField } from '../records/record-form.tsx';
import { CareModelsEditor } from './care-models-editor.tsx';
import { draftOf, knownFields, listError, LISTS, settingsBody, timeZoneNames, type Settings, type SettingsDraft } from './settings-draft.ts';

const VISIBILITIES = ['private', 'metadata', 'shared'] as const;

const useStyles = makeStyles({
  section: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalL },
  // start: a field stretched to its row's height spreads its label away from its control.
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))', alignItems: 'start', gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}` },
  // One field alone would stretch across the page: a time-zone name is short.
  single: { maxWidth: '24rem', marginBottom: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', position: 'sticky', bottom: 0, padding: `${tokens.spacingVerticalS} 0`, backgroundColor: tokens.colorNeutralBackground2 },
});

export function SettingsView() {
  const { t } = useI18n();
  const { api } = useServices();
  const loaded = useAsync(() => unwrap(api.settings.$get()), [api]);
  if (loaded.status === 'loading') return <LoadingState />;
  if (loaded.status === 'error') return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  return <SettingsForm initial={loaded.data} title={t('settings.title')} />;
}

function SettingsForm({ initial, title }: { initial: Settings; title: string }) {
  const { t } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const [base, setBase] = useState(initial);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(initial));
  // The draft the last save produced: the confirmation shows until the next edit.
  const [savedDraft, setSavedDraft] = useState<SettingsDraft | null>(null);
  const { errors, busy, save } = useFormSave(knownFields(draft));
  const set = (patch: Partial<SettingsDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const [zones] = useState(timeZoneNames);
  const submit = async () => {
    let next: Settings | null = null;
    const ok = await save(async () => {
      next = await unwrap(api.settings.$put({ json: settingsBody(base, draft) as never }));
    });
    if (ok && next) {
      const fresh = draftOf(next);
      setBase(next);
      setDraft(fresh);
      setSavedDraft(fresh);
    }
  };
  return (
    <form aria-labelledby="settings-title" onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
      <Title2 as="h1" block id="settings-title">{title}</Title2>
      <Text as="p" block>{t('settings.intro')}</Text>
      <GeneralError errors={errors} />
      <section className={s.section} aria-labelledby="care-models-title">
        <h2 id="care-models-title"><Text size={400} weight="semibold">{t('settings.careModels')}</Text></h2>
        <Text as="p" block>{t('settings.careModelsHint')}</Text>
        <div className={s.single}>
          <RecordField label={t('settings.timeZone')} hint={t('settings.timeZoneHint')} name="timeZone" errors={errors}>
            <Input value={draft.timeZone} onChange={(_, d) => set({ timeZone: d.value })} list="settings-time-zones" autoComplete="off" spellCheck={false} data-testid="time-zone" />
          </RecordField>
          <datalist id="settings-time-zones">{zones.map((z) => <option key={z} value={z} />)}</datalist>
        </div>
        <CareModelsEditor tiers={draft.tiers} errors={errors} onChange={(tier, patch) => set({ tiers: { ...draft.tiers, [tier]: { ...draft.tiers[tier], ...patch } } })} />
      </section>
      <section className={s.section} aria-labelledby="capture-title">
        <h2 id="capture-title"><Text size={400} weight="semibold">{t('settings.capture')}</Text></h2>
        <div className={s.grid}>
          <RecordField label={t('settings.defaultVisibility')} hint={t('settings.defaultVisibilityHint')} name="defaultSyncVisibility" errors={errors}>
            <Dropdown value={t(`visibility.${draft.defaultSyncVisibility}`)} selectedOptions={[draft.defaultSyncVisibility]} onOptionSelect={(_, d) => set({ defaultSyncVisibility: d.optionValue as SettingsDraft['defaultSyncVisibility'] })}>
              {VISIBILITIES.map((v) => <Option key={v} value={v}>{t(`visibility.${v}`)}</Option>)}
            </Dropdown>
          </RecordField>
          <RecordField label={t('settings.storeSnippets')} name="storeSnippets" errors={errors}>
            <Switch checked={draft.storeSnippets} onChange={(_, d) => set({ storeSnippets: d.checked })} label={draft.storeSnippets ? t('settings.on') : t('settings.off')} />
          </RecordField>
          {LISTS.map((l) => {
            const message = listError(errors, l, draft);
            return (
              <RecordField key={l} label={t(`settings.${l}`)} hint={t('settings.onePerLine')} name={l} errors={message ? { ...errors, fields: { ...errors.fields, [l]: message } } : errors}>
                <Textarea value={draft.lists[l]} onChange={(_, d) => set({ lists: { ...draft.lists, [l]: d.value } })} resize="vertical" rows={4} data-testid={`list-${l}`} />
              </RecordField>
            );
          })}
        </div>
      </section>
      <section className={s.section} aria-labelledby="retention-title">
        <h2 id="retention-title"><Text size={400} weight="semibold">{t('settings.retention')}</Text></h2>
        <div className={s.grid}>
          <RecordField label={t('settings.retentionMonths')} hint={t('settings.retentionMonthsHint')} name="retention.months" errors={errors}>
            <Input type="number" min={1} value={draft.retentionMonths} onChange={(_, d) => set({ retentionMonths: d.value })} data-testid="retention-months" />
          </RecordField>
          <RecordField label={t('settings.retentionAction')} name="retention.action" errors={errors}>
            <Dropdown value={t(`settings.retentionAction.${draft.retentionAction}`)} selectedOptions={[draft.retentionAction]} onOptionSelect={(_, d) => set({ retentionAction: d.optionValue as SettingsDraft['retentionAction'] })}>
              {(['anonymise', 'delete'] as const).map((a) => <Option key={a} value={a}>{t(`settings.retentionAction.${a}`)}</Option>)}
            </Dropdown>
          </RecordField>
        </div>
      </section>
      <div className={s.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>{t('settings.save')}</Button>
        <Button disabled={busy} onClick={() => setDraft(draftOf(base))}>{t('settings.undo')}</Button>
        <div role="status" aria-live="polite">
          {savedDraft === draft && <MessageBar intent="success"><MessageBarBody>{t('settings.saved')}</MessageBarBody></MessageBar>}
        </div>
      </div>
    </form>
  );
}
