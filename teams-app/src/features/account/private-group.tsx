// A run of items the viewer may not open, as one line that expands: the summary says what and with whom, each
// item below it can be asked for ("Ask Sofia to share"), and the answer comes back on that item.
import { useState } from 'react';
import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular, LockClosedRegular, ShareRegular } from '@fluentui/react-icons';
import { unwrap, useI18n, type Interaction } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';
import { dateRange, groupSummary } from './timeline-groups.ts';

const useStyles = makeStyles({
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, width: '100%', justifyContent: 'flex-start', textAlign: 'start', fontWeight: tokens.fontWeightRegular, padding: `${tokens.spacingVerticalS} 0`, minHeight: '36px' },
  summary: { color: tokens.colorNeutralForeground2, whiteSpace: 'normal' },
  lock: { fontSize: '16px', flexShrink: 0, color: tokens.colorNeutralForeground3 },
  items: { listStyle: 'none', margin: `0 0 ${tokens.spacingVerticalS}`, padding: `0 0 0 28px`, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS },
  meta: { color: tokens.colorNeutralForeground3, flexGrow: 1, minWidth: '12rem' },
  status: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

type AskState = 'idle' | 'busy' | 'asked' | 'error';

export function PrivateGroup({ id, items }: { id: string; items: Interaction[] }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const { api, now } = useServices();
  const nameOf = useColleagueName();
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const [asked, setAsked] = useState<Record<string, AskState>>({});
  const ask = async (item: Interaction) => {
    setAsked((a) => ({ ...a, [item.id]: 'busy' }));
    try {
      await unwrap(api.interactions[':id']['share-requests'].$post({ param: { id: item.id }, json: {} }));
      setAsked((a) => ({ ...a, [item.id]: 'asked' }));
    } catch (e) {
      console.warn('share request failed', item.id, e);
      setAsked((a) => ({ ...a, [item.id]: 'error' }));
    }
  };
  const listId = `${id}-items`;
  return (
    <div data-private-group={items.length}>
      <Button appearance="transparent" className={s.line} aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}
        icon={open ? <ChevronDownRegular /> : <ChevronRightRegular />}>
        <LockClosedRegular aria-hidden className={s.lock} />
        <span className={s.summary}>{groupSummary(items, i18n, now())}</span>
      </Button>
      {open && (
        <ul className={s.items} id={listId} aria-label={t('timeline.group.itemsLabel')}>
          {items.map((item) => {
            const holder = item.holders.map((h) => nameOf(h.userId)).find(Boolean) ?? null;
            const who = item.participants.map((p) => p.displayName || p.address).slice(0, 3).join(', ');
            const state = asked[item.id] ?? 'idle';
            return (
              <li key={item.id} className={s.item} data-interaction-id={item.id} data-redacted="true">
                <Caption1 className={s.meta}>
                  {t(`kind.${item.kind}`)} · <time dateTime={new Date(item.occurredAt).toISOString()}>{dateRange(item.occurredAt, item.occurredAt, i18n.locale, now())}</time>
                  {who ? ` · ${who}` : ''}
                </Caption1>
                {state === 'asked' ? (
                  <Text size={200} className={s.status} role="status">{holder ? t('share.askedNamed', { name: holder }) : t('share.asked')}</Text>
                ) : (
                  <Button size="small" icon={<ShareRegular />} disabled={state === 'busy'} onClick={() => void ask(item)}
                    title={formatDateTime(item.occurredAt)}>
                    {holder ? t('share.askNamed', { name: holder.split(' ')[0]! }) : t('share.ask')}
                  </Button>
                )}
                {state === 'error' && <Text size={200} className={s.error} role="alert">{t('share.failed')}</Text>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
