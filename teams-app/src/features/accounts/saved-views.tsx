// Saved views of My accounts, kept on the server: "My views" and the "Team views" colleagues shared, save the
// current filters as a view (for oneself or shared with the team), and delete. Views an older version kept in
// this browser's storage are moved to the server once, on first load, and the storage is then left alone.
import { useEffect, useState } from 'react';
import { Button, Checkbox, Dropdown, Input, Option, OptionGroup, Text, Toolbar, makeStyles, tokens } from '@fluentui/react-components';
import { DeleteRegular, SaveRegular } from '@fluentui/react-icons';
import type { InferResponseType } from 'hono/client';
import { ApiProblem, unwrap, useI18n, type ApiClient } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';
import { useFormSave } from '../common/form-errors.ts';
import { RecordField } from '../records/record-form.tsx';
import { browserStorage, clearLegacyViews, DEFAULT_FILTERS, loadSavedViews, type AccountFilters } from './account-filters.ts';

type SavedView = InferResponseType<ApiClient['saved-views']['$get'], 200>['items'][number];

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  narrow: { minWidth: '12rem', maxWidth: '18rem' },
});

/** Moves the views this browser kept to the server (a name already there is skipped), then forgets them. */
async function migrateLegacyViews(api: ApiClient, storage: Storage | null): Promise<void> {
  const legacy = loadSavedViews(storage);
  for (const v of legacy) {
    try {
      await unwrap(api['saved-views'].$post({ json: { name: v.name.trim().slice(0, 80) || 'View', filters: { ...DEFAULT_FILTERS, ...v.filters } as never } }));
    } catch (e) {
      // Already on the server (409), or a filter this version no longer takes (400): nothing more to move.
      if (e instanceof ApiProblem && (e.status === 409 || e.status === 400)) console.warn(`[suhde] saved view “${v.name}” not moved to the server: ${e.detail}`);
      else throw e;
    }
  }
  if (legacy.length) clearLegacyViews(storage);
}

export function SavedViews({ filters, onApply }: { filters: AccountFilters; onApply: (filters: AccountFilters) => void }) {
  const { t } = useI18n();
  const { api, me } = useServices();
  const nameOf = useColleagueName();
  const s = useStyles();
  const [views, setViews] = useState<SavedView[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<SavedView | null>(null);
  const [name, setName] = useState('');
  const [share, setShare] = useState(false);
  const [status, setStatus] = useState('');
  const { errors, busy, save } = useFormSave(['name', 'scope']);
  const reload = async () => setViews((await unwrap(api['saved-views'].$get())).items);
  useEffect(() => {
    migrateLegacyViews(api, browserStorage()).then(reload).catch((e: unknown) => {
      console.error('[suhde] saved views could not be loaded', e);
      setLoadError(e instanceof Error ? e.message : String(e));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);
  const mine = views.filter((v) => v.ownerId === me.id);
  const team = views.filter((v) => v.ownerId !== me.id);
  const existing = mine.find((v) => v.name === name.trim());
  const pick = (id: string | undefined) => {
    const v = views.find((x) => x.id === id);
    if (!v) return;
    setSelected(v);
    setName(v.ownerId === me.id ? v.name : '');
    setShare(v.scope === 'team');
    setStatus('');
    onApply({ ...DEFAULT_FILTERS, ...(v.filters as Partial<AccountFilters>) });
  };
  const store = () => save(async () => {
    const scope = share ? 'team' as const : 'mine' as const;
    const body = { name: name.trim(), scope, filters: filters as never };
    const v = existing
      ? await unwrap(api['saved-views'][':id'].$patch({ param: { id: existing.id }, json: body }))
      : await unwrap(api['saved-views'].$post({ json: body }));
    await reload();
    setSelected(v);
    setStatus(t(scope === 'team' ? 'views.savedShared' : 'views.saved', { name: v.name }));
  });
  const remove = (v: SavedView) => save(async () => {
    await unwrap(api['saved-views'][':id'].$delete({ param: { id: v.id } }));
    await reload();
    setSelected(null);
    setName('');
    setStatus(t('views.deleted', { name: v.name }));
  });
  const label = (v: SavedView) => (v.ownerId === me.id ? v.name : t('views.byColleague', { name: v.name, owner: nameOf(v.ownerId) ?? t('contacts.formerColleague') }));
  return (
    <Toolbar aria-label={t('accounts.views')} className={s.bar}>
      <RecordField label={t('accounts.savedViews')} name="view" errors={{ fields: loadError ? { view: t('views.loadFailed') } : {}, general: null }}>
        <Dropdown className={s.narrow} placeholder={t('accounts.pickView')} value={selected ? label(selected) : ''} selectedOptions={selected ? [selected.id] : []} onOptionSelect={(_, d) => pick(d.optionValue)} data-testid="saved-views">
          <OptionGroup label={t('views.mine')}>
            {mine.length === 0 ? <Option disabled value="" text={t('views.noneMine')}>{t('views.noneMine')}</Option> : mine.map((v) => <Option key={v.id} value={v.id} text={v.name}>{v.name}{v.scope === 'team' ? ` · ${t('views.shared')}` : ''}</Option>)}
          </OptionGroup>
          <OptionGroup label={t('views.team')}>
            {team.length === 0 ? <Option disabled value="-" text={t('views.noneTeam')}>{t('views.noneTeam')}</Option> : team.map((v) => <Option key={v.id} value={v.id} text={label(v)}>{label(v)}</Option>)}
          </OptionGroup>
        </Dropdown>
      </RecordField>
      <RecordField label={t('accounts.viewName')} name="name" errors={errors}>
        <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={80} data-testid="view-name" />
      </RecordField>
      <Checkbox label={me.team ? t('views.shareWithTeam', { team: me.team }) : t('views.noTeam')} disabled={!me.team} checked={share} onChange={(_, d) => setShare(!!d.checked)} data-testid="view-share" />
      <Button icon={<SaveRegular />} disabled={busy || !name.trim()} onClick={() => void store()}>{existing ? t('views.update') : t('accounts.saveView')}</Button>
      <Button icon={<DeleteRegular />} disabled={busy || !selected?.can.delete} onClick={() => selected && void remove(selected)}>{t('accounts.deleteView')}</Button>
      <Button appearance="subtle" onClick={() => { onApply(DEFAULT_FILTERS); setSelected(null); setName(''); setShare(false); }}>{t('accounts.clear')}</Button>
      <Text role="status" aria-live="polite">{errors.general ?? status}</Text>
    </Toolbar>
  );
}
