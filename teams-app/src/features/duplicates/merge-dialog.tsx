// "Review merge": the preview of merging one record into another (what moves, which values differ and whose to
// keep), then Confirm. Accounts and contacts alike; the API does the merge in one transaction.
import { useEffect, useState } from 'react';
import {
  Button, Caption1, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody,
  Radio, RadioGroup, Field, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import { ErrorState, LoadingState, unwrap, useI18n } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';

const useStyles = makeStyles({
  moves: { margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalM}`, paddingLeft: tokens.spacingHorizontalL },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface MergePair {
  kind: 'account' | 'contact';
  survivor: { id: string; name: string };
  merged: { id: string; name: string };
}

type Choice = 'survivor' | 'merged';
interface Preview {
  moves: Record<string, number>;
  fields: { field: string; survivor: unknown; merged: unknown; keep: Choice }[];
}

export function MergeDialog({ pair, onClose, onMerged }: { pair: MergePair; onClose: () => void; onMerged: (survivorName: string) => void }) {
  const { t } = useI18n();
  const { api } = useServices();
  const colleague = useColleagueName();
  const s = useStyles();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const call = (previewOnly: boolean, fields: Record<string, Choice>) => {
    const json = { mergeIds: [pair.merged.id], preview: previewOnly, fields } as never;
    return pair.kind === 'account'
      ? unwrap(api.accounts[':id'].merge.$post({ param: { id: pair.survivor.id }, json }))
      : unwrap(api.contacts[':id'].merge.$post({ param: { id: pair.survivor.id }, json }));
  };
  useEffect(() => {
    let live = true;
    call(true, {}).then(
      (p) => {
        if (!live) return;
        setPreview(p as Preview);
        setChoices(Object.fromEntries((p as Preview).fields.map((f) => [f.field, f.keep])));
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
    // The pair is the dialog's identity: a new pair opens a new preview.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pair.survivor.id, pair.merged.id]);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call(false, choices);
      onMerged((r as { result: { name: string } }).result.name);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('common.none');
    if (field === 'ownerId') return colleague(String(v)) ?? t('duplicates.unknownPerson');
    if (field === 'lifecycle' || field === 'size') return t(`${field}.${String(v)}`);
    if (field === 'tier') return t('account.tier', { tier: String(v) });
    return String(v);
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby="merge-summary">
        <DialogBody>
          <DialogTitle>{t('duplicates.reviewTitle', { name: pair.merged.name })}</DialogTitle>
          <DialogContent>
            <Text as="p" block id="merge-summary">{t(`duplicates.reviewIntro.${pair.kind}`, { merged: pair.merged.name, survivor: pair.survivor.name })}</Text>
            {!preview && !error && <LoadingState label={t('duplicates.previewLoading')} />}
            {preview && (
              <>
                <Text weight="semibold" as="h3" block>{t('duplicates.moves')}</Text>
                {/* Only what actually moves: a list of zeros hides the one line that matters. */}
                <ul className={s.moves} data-testid="merge-moves">
                  {Object.entries(preview.moves).filter(([, n]) => n > 0).map(([k, n]) => <li key={k}>{t(`duplicates.move.${k}`, { n })}</li>)}
                </ul>
                {preview.fields.length === 0 ? (
                  <Caption1 className={s.muted}>{t('duplicates.noConflicts')}</Caption1>
                ) : (
                  <div className={s.fields}>
                    <Text weight="semibold" as="h3" block>{t('duplicates.fields')}</Text>
                    {preview.fields.map((f) => (
                      <Field key={f.field} label={t(`duplicates.field.${f.field}`)}>
                        <RadioGroup layout="horizontal" value={choices[f.field] ?? f.keep} onChange={(_, d) => setChoices((c) => ({ ...c, [f.field]: d.value as Choice }))}>
                          <Radio value="survivor" label={show(f.field, f.survivor)} />
                          <Radio value="merged" label={show(f.field, f.merged)} />
                        </RadioGroup>
                      </Field>
                    ))}
                  </div>
                )}
                <MessageBar intent="info">
                  <MessageBarBody>{t('duplicates.aliasNote', { merged: pair.merged.name })}</MessageBarBody>
                </MessageBar>
              </>
            )}
            {error !== null && <ErrorState error={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={!preview || busy} onClick={() => void confirm()}>{t('duplicates.confirm')}</Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
