// Right after archiving: "Archived. Undo" (the undo restores it). On an archived record opened by its link:
// "Archived — Restore". Either restore calls back with the record as restored.
import { useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { describeError, useI18n } from '../../../../web-shared/src/index.ts';

export function ArchivedNotice({ name, kind, onUndo }: { name: string; kind: 'justNow' | 'banner'; onUndo: () => Promise<void> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const undo = async () => {
    setBusy(true);
    setError(null);
    try {
      await onUndo();
    } catch (e) {
      console.error('restore failed', { name, error: e });
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <MessageBar intent={error ? 'error' : kind === 'banner' ? 'warning' : 'info'} role="status" data-testid={kind === 'banner' ? 'archived-banner' : 'archived-undo'}>
      <MessageBarBody>
        {kind === 'banner' ? t('records.archivedBanner') : t('records.archivedJustNow', { name })}
        {error !== null && ` ${describeError(error, t).detail}`}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" disabled={busy} onClick={() => void undo()}>{kind === 'banner' ? t('records.restore') : t('records.undo')}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
