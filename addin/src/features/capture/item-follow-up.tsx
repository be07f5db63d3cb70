// The open item's follow-up in the pane: the date, what was promised, and Done, Snooze and Hand over, the same
// as in Teams' Today. Nothing shows when the item has no follow-up of yours.
import { useState } from 'react';
import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { FollowUpActions, describeError, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { usePaneServices } from '../../app/pane-services.tsx';

const useStyles = makeStyles({
  // The pane can be 320 px: the buttons wrap (FollowUpActions' row), and a promise with a long link or word breaks
  // rather than widening the pane.
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS, minWidth: 0, overflowWrap: 'anywhere' },
});

export function ItemFollowUp({ interactionId, accountName }: { interactionId: string; accountName: string }) {
  const { t, formatDate } = useI18n();
  const { api, me, colleagues, now } = usePaneServices();
  const s = useStyles();
  const found = useAsync(() => unwrap(api['follow-ups'].$get({ query: { interactionId } })), [api, interactionId]);
  const [message, setMessage] = useState<string | null>(null);
  const f = found.status === 'done' ? found.data.items[0] : undefined;
  if (!f && !message) return null;
  return (
    <div className={s.root} data-testid="item-follow-up">
      {f && <Text weight="semibold">{t('followUp.yours', { date: formatDate(Date.parse(`${f.dueOn}T12:00:00`)) })}</Text>}
      {f?.note && <Caption1>{t('followUp.promised', { note: f.note })}</Caption1>}
      {f && (
        <FollowUpActions
          api={api} me={me} colleagues={colleagues} now={(now ?? Date.now)()} size="small"
          followUp={{ id: f.id, accountName, assigneeId: f.assigneeId }} may={{ edit: true, reassign: true }}
          onChanged={(m) => { setMessage(m); found.reload(); }}
          onError={(e) => setMessage(describeError(e, t).detail)}
        />
      )}
      <div role="status">{message && <Caption1>{message}</Caption1>}</div>
    </div>
  );
}
