import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n-context.tsx';

const useStyles = makeStyles({ root: { padding: tokens.spacingVerticalXL, display: 'flex', justifyContent: 'center' } });

/** A spinner with a label people and screen readers can read. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <div className={s.root} role="status" aria-live="polite">
      <Spinner size="small" label={label ?? t('common.loading')} />
    </div>
  );
}
