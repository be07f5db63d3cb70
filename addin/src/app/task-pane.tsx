// The task pane's root: follows the selected item and shows the pane for its kind and mode.
import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState, LoadingState, useI18n } from '../../../web-shared/src/index.ts';
import { HostError } from '../host/host-error.ts';
import type { AppointmentCompose, AppointmentRead, OutlookItem } from '../host/outlook-item.ts';
import { ComposePane } from '../features/compose/compose-pane.tsx';
import { ReadPane } from '../features/capture/read-pane.tsx';
import { usePaneServices } from './pane-services.tsx';
import { useOutlookItem } from './use-outlook-item.ts';

// For main.tsx, which starts the first item's match before the pane mounts, without loading it in the first paint.
export { captureKey, loadCapture } from '../features/capture/pane-api.ts';

// 320 px wide on a phone: the padding gives way before the content does.
const useStyles = makeStyles({ root: { padding: `${tokens.spacingVerticalS} clamp(8px, 3vw, ${tokens.spacingHorizontalM})`, maxWidth: '560px' } });

const itemKey = (item: OutlookItem, version: number) => (item.mode === 'read' ? item.itemId : `compose-${version}`);

/**
 * Outlook opens your own meeting in its organizer (compose) window, sent or not. Once it is saved it has an id and
 * is on your calendar, so it is logged as any meeting is: by organizer (you), start and subject, the key the
 * calendar sync's copy is recognised by.
 */
export function savedMeeting(a: AppointmentCompose): AppointmentRead | null {
  if (!a.itemId) return null;
  return {
    kind: 'appointment', mode: 'read', itemId: a.itemId, restId: null, subject: a.subject, organizer: a.organizer,
    requiredAttendees: a.requiredAttendees, optionalAttendees: a.optionalAttendees, start: a.start, end: a.end, location: a.location,
  };
}

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
  else {
    const meeting = savedMeeting(state.item);
    body = meeting ? <ReadPane key={meeting.itemId} item={meeting} /> : (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{t('pane.appointmentUnsaved')}</MessageBarBody>
        <MessageBarActions><Button size="small" onClick={state.reload}>{t('pane.checkAgain')}</Button></MessageBarActions>
      </MessageBar>
    );
  }
  return <main className={s.root} aria-label={t('pane.title')}>{body}</main>;
}
