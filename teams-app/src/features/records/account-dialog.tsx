// Create or edit an account: name, domains, tier, owner, lifecycle and the segment (industry, size, region).
// The tier and the owner are locked, with the rule shown, when the asker may not change them; a new account that
// looks like one already held asks first ("Looks like …": open it, or create anyway).
import { useEffect, useState } from 'react';
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Dropdown, Input, Option,
} from '@fluentui/react-components';
import { unwrap, useI18n, type Account } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { NO_ERRORS, type FormErrors } from '../common/form-errors.ts';
import { likelyDuplicatesOf, listOf, recordErrorsOf, type LikelyDuplicate } from './record-errors.ts';
import { DuplicateWarning, GeneralError, RecordField, useFormStyles } from './record-form.tsx';

const TIERS = ['A', 'B', 'C', 'D'] as const;
const LIFECYCLES = ['prospect', 'customer', 'key_account', 'former'] as const;
const SIZES = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;
const FIELDS = ['name', 'domains', 'tier', 'lifecycle', 'ownerId', 'industry', 'size', 'region'] as const;
const NONE = '';

type Saved = { id: string; name: string };
interface Draft {
  name: string; domains: string; tier: (typeof TIERS)[number]; lifecycle: (typeof LIFECYCLES)[number]; ownerId: string;
  industry: string; size: string; region: string;
}

const draftOf = (a: Account | null, me: string): Draft => ({
  name: a?.name ?? '', domains: a?.domains.join(', ') ?? '', tier: a?.tier ?? 'C', lifecycle: a?.lifecycle ?? 'prospect',
  ownerId: a ? (a.ownerId ?? NONE) : me, industry: a?.industry ?? '', size: a?.size ?? NONE, region: a?.region ?? '',
});

/** account: null creates one. */
export function AccountDialog({ account, open, onClose, onSaved }: { account: Account | null; open: boolean; onClose: () => void; onSaved: (a: Saved) => void }) {
  const { t } = useI18n();
  const { api, me, colleagues, navigate } = useServices();
  const s = useFormStyles();
  const [d, setD] = useState<Draft>(() => draftOf(account, me.id));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [duplicates, setDuplicates] = useState<LikelyDuplicate[] | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setD(draftOf(account, me.id));
    setErrors(NO_ERRORS);
    setDuplicates(null);
  }, [open, account, me.id]);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const can = account?.can;
  const tierLocked = account !== null && !can?.changeTier.allowed;
  const ownerLocked = account !== null && !can?.changeOwner.allowed;

  const save = async (allowDuplicate = false) => {
    setBusy(true);
    setErrors(NO_ERRORS);
    const body = {
      name: d.name, domains: listOf(d.domains), tier: d.tier, lifecycle: d.lifecycle, ownerId: d.ownerId || null,
      industry: d.industry.trim() || null, size: (d.size || null) as (typeof SIZES)[number] | null, region: d.region.trim() || null,
    };
    try {
      let saved: Saved;
      if (account) {
        // Only what changed: an unchanged tier or owner is no change the rules need to judge.
        const before = draftOf(account, me.id);
        const patch = Object.fromEntries(Object.entries(body).filter(([k]) => JSON.stringify(d[k as keyof Draft]) !== JSON.stringify(before[k as keyof Draft])));
        saved = await unwrap(api.accounts[':id'].$patch({ param: { id: account.id }, json: patch }));
      } else {
        // allowDuplicate: the user saw the warning and creates it anyway (duplicate detection, issue 14).
        const json = { ...body, ...(allowDuplicate ? { allowDuplicate: true } : {}) };
        saved = await unwrap(api.accounts.$post({ json }));
      }
      onSaved(saved);
    } catch (e) {
      const dup = account ? null : likelyDuplicatesOf(e);
      if (dup) setDuplicates(dup);
      else setErrors(recordErrorsOf(e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const people = colleagues.filter((c) => c.role !== 'admin' || c.id === d.ownerId);
  const ownerName = d.ownerId ? (colleagues.find((c) => c.id === d.ownerId)?.displayName ?? d.ownerId) : t('account.noOwner');
  return (
    <Dialog open={open} onOpenChange={(_, x) => !x.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <DialogBody>
            <DialogTitle>{account ? t('records.account.editTitle', { name: account.name }) : t('records.account.newTitle')}</DialogTitle>
            <DialogContent className={s.form}>
              <div className={s.wide}><GeneralError errors={errors} /></div>
              {duplicates && (
                <div className={s.wide}>
                  <DuplicateWarning duplicates={duplicates} busy={busy} onCreateAnyway={() => void save(true)}
                    onOpen={(x) => { onClose(); navigate({ view: 'account', accountId: x.id }); }} />
                </div>
              )}
              <RecordField label={t('records.account.name')} name="name" errors={errors} className={s.wide}>
                <Input required value={d.name} onChange={(_, x) => set({ name: x.value })} />
              </RecordField>
              <RecordField label={t('account.domains')} name="domains" errors={errors} hint={t('records.account.domainsHint')} className={s.wide}>
                <Input value={d.domains} onChange={(_, x) => set({ domains: x.value })} placeholder="example.fi" />
              </RecordField>
              <RecordField label={t('accounts.filter.tier')} name="tier" errors={errors} lockedReason={tierLocked ? t('records.reason.tier') : null}>
                <Dropdown disabled={tierLocked} value={t(`tier.${d.tier}`)} selectedOptions={[d.tier]} onOptionSelect={(_, x) => set({ tier: x.optionValue as Draft['tier'] })}>
                  {TIERS.map((x) => <Option key={x} value={x}>{t(`tier.${x}`)}</Option>)}
                </Dropdown>
              </RecordField>
              <RecordField label={t('account.owner')} name="ownerId" errors={errors} lockedReason={ownerLocked ? t('records.reason.accountOwner') : null}>
                <Dropdown disabled={ownerLocked} value={ownerName} selectedOptions={[d.ownerId]} onOptionSelect={(_, x) => set({ ownerId: x.optionValue ?? NONE })}>
                  <Option value={NONE}>{t('account.noOwner')}</Option>
                  {people.map((c) => <Option key={c.id} value={c.id}>{c.displayName}</Option>)}
                </Dropdown>
              </RecordField>
              <RecordField label={t('account.lifecycle')} name="lifecycle" errors={errors}>
                <Dropdown value={t(`lifecycle.${d.lifecycle}`)} selectedOptions={[d.lifecycle]} onOptionSelect={(_, x) => set({ lifecycle: x.optionValue as Draft['lifecycle'] })}>
                  {LIFECYCLES.map((x) => <Option key={x} value={x}>{t(`lifecycle.${x}`)}</Option>)}
                </Dropdown>
              </RecordField>
              <RecordField label={t('records.account.size')} name="size" errors={errors}>
                <Dropdown value={d.size ? t(`size.${d.size}`) : t('common.none')} selectedOptions={[d.size]} onOptionSelect={(_, x) => set({ size: x.optionValue ?? NONE })}>
                  <Option value={NONE}>{t('common.none')}</Option>
                  {SIZES.map((x) => <Option key={x} value={x}>{t(`size.${x}`)}</Option>)}
                </Dropdown>
              </RecordField>
              <RecordField label={t('records.account.industry')} name="industry" errors={errors}>
                <Input value={d.industry} onChange={(_, x) => set({ industry: x.value })} />
              </RecordField>
              <RecordField label={t('records.account.region')} name="region" errors={errors}>
                <Input value={d.region} onChange={(_, x) => set({ region: x.value })} />
              </RecordField>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>{t('records.cancel')}</Button>
              <Button appearance="primary" type="submit" disabled={busy}>{account ? t('records.save') : t('records.account.create')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
