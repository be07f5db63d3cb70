// One mailbox's streams (Inbox, Sent Items, other folders, the calendar) under its row on the Mailbox sync page:
// each stream's state, last error with Graph's status and code, what an admin must do when it needs one, its
// last resync and back-off, a Restart button; then the items Graph sent that could not be read.
import { Badge, Button, Caption1, MessageBar, MessageBarBody, Text, makeStyles, tokens, type BadgeProps } from '@fluentui/react-components';
import { ArrowResetRegular } from '@fluentui/react-icons';
import { useI18n } from '../../../../web-shared/src/index.ts';

export interface StreamRow {
  stream: string;
  state: string;
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorAt: number | null;
  adminAction: string | null;
  nextAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastResyncAt: number | null;
}

export interface UnreadableRow {
  stream: string;
  graphId: string | null;
  reason: string;
  firstSeenAt: number;
  lastSeenAt: number;
}

export const STATE_COLOR: Record<string, BadgeProps['color']> = {
  ok: 'success', syncing: 'brand', backfilling: 'brand', waiting: 'informative', failing: 'danger', 'needs-admin': 'severe', disabled: 'subtle',
};

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalXXS, margin: 0, padding: 0, listStyleType: 'none' },
  stream: { display: 'grid', gridTemplateColumns: 'minmax(8rem, 12rem) minmax(8rem, 11rem) 1fr auto', gap: tokens.spacingHorizontalM, alignItems: 'start' },
  name: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
  detail: { display: 'grid', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  poison: { marginTop: tokens.spacingVerticalS },
  poisonList: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  id: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

/** The stream's name as an admin knows it: the well-known folders by name, another folder by its id. */
function useStreamName() {
  const { t } = useI18n();
  return (stream: string) => {
    if (stream === 'calendar') return t('sync.stream.calendar');
    const folder = stream.replace(/^mail:/, '');
    return folder === 'inbox' || folder === 'sentitems' || folder === 'archive' ? t(`sync.stream.${folder}`) : t('sync.stream.folder', { folder });
  };
}

/** Mail folders as the mailbox lists them (Inbox, Sent Items, then others), the calendar last. */
function inMailboxOrder(streams: StreamRow[]): StreamRow[] {
  const rank = (x: StreamRow) => (x.stream === 'mail:inbox' ? 0 : x.stream === 'mail:sentitems' ? 1 : x.stream === 'calendar' ? 3 : 2);
  return [...streams].sort((a, b) => rank(a) - rank(b) || a.stream.localeCompare(b.stream));
}

export function StreamList(props: {
  address: string; streams: StreamRow[]; unreadable: UnreadableRow[]; unreadableCount: number; busy: boolean; enabled: boolean;
  onRestart: (stream: string, name: string) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const s = useStyles();
  const nameOf = useStreamName();
  return (
    <div>
      {props.streams.length === 0 ? (
        <Caption1 className={s.muted}>{t('sync.noStreams')}</Caption1>
      ) : (
        <ul className={s.list} aria-label={t('sync.streamsOf', { address: props.address })}>
          {inMailboxOrder(props.streams).map((x) => (
            <li key={x.stream} className={s.stream} data-stream={x.stream} data-state={x.state}>
              <Text className={s.name}>{nameOf(x.stream)}</Text>
              <div><Badge appearance="tint" color={STATE_COLOR[x.state] ?? 'informative'}>{t(`sync.stateName.${x.state}`)}</Badge></div>
              <div className={s.detail}>
                {x.adminAction && (
                  <MessageBar intent="warning" layout="multiline"><MessageBarBody>{t('sync.adminAction', { action: x.adminAction })}</MessageBarBody></MessageBar>
                )}
                {x.consecutiveFailures > 0 && x.lastError && (
                  <Caption1 className={s.error}>
                    {t('sync.failures', { n: x.consecutiveFailures })} · {x.lastErrorAt !== null ? `${formatDateTime(x.lastErrorAt)}: ` : ''}{x.lastError}
                  </Caption1>
                )}
                {x.consecutiveFailures > 0 && x.nextAttemptAt !== null && <Caption1 className={s.muted}>{t('sync.nextAttempt', { at: formatDateTime(x.nextAttemptAt) })}</Caption1>}
                <Caption1 className={s.muted}>
                  {x.lastSuccessAt === null ? t('sync.streamNever') : t('sync.streamLastSuccess', { at: formatDateTime(x.lastSuccessAt) })}
                  {x.lastResyncAt !== null && ` · ${t('sync.lastResync', { at: formatDateTime(x.lastResyncAt) })}`}
                </Caption1>
              </div>
              <Button size="small" icon={<ArrowResetRegular />} disabled={props.busy || !props.enabled}
                aria-label={t('sync.restartFor', { stream: nameOf(x.stream), address: props.address })}
                onClick={() => props.onRestart(x.stream, nameOf(x.stream))}>
                {t('sync.restart')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {props.unreadableCount > 0 && (
        <details className={s.poison}>
          <summary><Caption1>{t('sync.unreadable', { n: props.unreadableCount })}</Caption1></summary>
          <ul className={s.poisonList}>
            {props.unreadable.map((u) => (
              <li key={`${u.stream}/${u.graphId ?? u.firstSeenAt}`}>
                <Caption1>
                  {nameOf(u.stream)} · {t('sync.firstSeen', { at: formatDateTime(u.firstSeenAt) })} · {u.reason}
                  {u.graphId && <> · <span className={s.id}>{u.graphId}</span></>}
                </Caption1>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
