// The task pane's root: follows the selected item and shows the pane for its kind and mode.
import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState, LoadingState, useI18n } from '../../../web-shared/src/index.ts';
import { HostError } from '../host/host-error.ts';
import type { OutlookItem } from '../host/outlook-item.ts';
import { ComposePane } from '../features/compose/compose-pane.tsx';
import { ReadPane } from '../features/capture/read-pane.tsx';
import { usePaneServices } from './pane-services.tsx';
import { useOutlookItem } from './use-outlook-item.ts';

// For main.tsx, which starts the first item's match before the pane mounts, without loading it in the first paint.
export { captureKey, loadCapture } from '../features/capture/pane-api.ts';

const useStyles = makeStyles({ root: { padding: tokens.spacingHorizontalM, maxWidth: '560px' } });

const itemKey = (item: OutlookItem, version: number) => (item.mode === 'read' ? item.itemId : `compose-${version}`);

export function TaskPane() {
  const { host } = usePaneServices();
  const { t } = useI18n();
  const s = useStyles();
  const state = useOutlookItem(host);
  let body;
  if (state.status === 'loading') body = <LoadingState label={t('pane.readingItem')} />;
  else if (state.status === 'error') {
    body = state.error instanceof HostError && state.error.code === 'office_unavailable'
      ? <MessageBar intent="warning"><MessageBarBody>{t('pane.officeUnavailable')}</MessageBarBody></MessageBar>
      : <ErrorState error={state.error} onRetry={state.reload} />;
  } else if (!state.item) body = <MessageBar intent="info"><MessageBarBody>{t('pane.noItem')}</MessageBarBody></MessageBar>;
  else if (state.item.mode === 'read') body = <ReadPane key={itemKey(state.item, state.version)} item={state.item} />;
  else if (state.item.kind === 'message') body = <ComposePane key={itemKey(state.item, state.version)} item={state.item} />;
  else body = <MessageBar intent="info"><MessageBarBody>{t('pane.appointmentCompose')}</MessageBarBody></MessageBar>;
  return <main className={s.root} aria-label={t('pane.title')}>{body}</main>;
}
