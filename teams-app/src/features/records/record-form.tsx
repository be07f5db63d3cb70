// Pieces every record dialog shares: a field's error state from the API, a control locked by a permission rule
// with the rule beside it (not a 403 after the fact), the "Looks like …" warning before a likely duplicate, and
// the error above the form.
import type { ReactNode } from 'react';
import { Button, Field, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../../../../web-shared/src/index.ts';
import type { FormErrors } from '../common/form-errors.ts';
import type { LikelyDuplicate } from './record-errors.ts';

export const useFormStyles = makeStyles({
  form: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(14rem, 1fr))', gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}` },
  wide: { gridColumn: '1 / -1' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  spacer: { flexGrow: 1 },
});

/** A labelled field: the API's message when it refused the value, else the permission rule that locks it, else a hint. */
export function RecordField({ label, name, errors, lockedReason, hint, className, children }: {
  label: string; name: string; errors: FormErrors; lockedReason?: string | null; hint?: string; className?: string; children: ReactNode;
}) {
  const message = errors.fields[name];
  const hintText = lockedReason ?? hint;
  return (
    <Field label={label} className={className} validationMessage={message} validationState={message ? 'error' : 'none'} {...(hintText ? { hint: hintText } : {})} data-field={name}>
      {children}
    </Field>
  );
}

export function GeneralError({ errors }: { errors: FormErrors }) {
  if (!errors.general) return null;
  return <MessageBar intent="error" role="alert"><MessageBarBody>{errors.general}</MessageBarBody></MessageBar>;
}

/** Before a likely duplicate is created: who it looks like and why, open that one instead, or create anyway. */
export function DuplicateWarning({ duplicates, onOpen, onCreateAnyway, busy }: {
  duplicates: LikelyDuplicate[]; onOpen: (d: LikelyDuplicate) => void; onCreateAnyway: () => void; busy: boolean;
}) {
  const { t } = useI18n();
  const s = useFormStyles();
  return (
    <MessageBar intent="warning" layout="multiline" role="alert" data-testid="duplicate-warning">
      <MessageBarBody>
        <MessageBarTitle>{t('records.duplicate.title')}</MessageBarTitle>
        {duplicates.map((d) => <div key={d.id}>{t('records.duplicate.looksLike', { name: d.name, reasons: d.reasons.join(', ') })}</div>)}
      </MessageBarBody>
      <MessageBarActions>
        <span className={s.actions}>
          {duplicates.map((d) => <Button key={d.id} size="small" onClick={() => onOpen(d)}>{t('records.duplicate.open', { name: d.name })}</Button>)}
          <Button size="small" appearance="primary" disabled={busy} onClick={onCreateAnyway}>{t('records.duplicate.createAnyway')}</Button>
        </span>
      </MessageBarActions>
    </MessageBar>
  );
}
