// One interaction in an account's timeline: what kind, when, which way, the subject (or that its content is
// withheld) and who was involved.
import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CallRegular, ChatRegular, MailRegular, NoteRegular, PeopleTeamRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';

export interface TimelineItemData {
  id: string;
  kind: string;
  direction: string | null;
  occurredAt: number;
  subject: string | null;
  note: string | null;
  durationMinutes: number | null;
  redacted: boolean;
  participants: { role: string; address: string; displayName: string | null }[];
}

const ICONS: Record<string, ReactNode> = {
  email: <MailRegular aria-hidden />,
  meeting: <PeopleTeamRegular aria-hidden />,
  call: <CallRegular aria-hidden />,
  note: <NoteRegular aria-hidden />,
  chat: <ChatRegular aria-hidden />,
};

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: '20px 1fr', columnGap: tokens.spacingHorizontalS, padding: `${tokens.spacingVerticalXS} 0` },
  icon: { fontSize: '20px', color: tokens.colorNeutralForeground3, paddingTop: '2px' },
  body: { minWidth: 0, display: 'flex', flexDirection: 'column' },
  subject: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  meta: { color: tokens.colorNeutralForeground3 },
});

export function TimelineItem({ item, now = Date.now(), as: As = 'li' }: { item: TimelineItemData; now?: number; as?: 'li' | 'div' }) {
  const { t, formatRelative, formatDateTime } = useI18n();
  const s = useStyles();
  const who = item.participants.find((p) => p.role === 'from' || p.role === 'organizer');
  const meta = [
    t(`kind.${item.kind}`),
    item.direction ? t(`direction.${item.direction}`) : null,
    item.durationMinutes ? t('timeline.minutes', { minutes: item.durationMinutes }) : null,
    who ? (who.displayName ?? who.address) : null,
  ].filter(Boolean).join(' · ');
  return (
    <As className={s.root} data-interaction-id={item.id}>
      <span className={s.icon}>{ICONS[item.kind] ?? ICONS.note}</span>
      <div className={s.body}>
        <Text className={s.subject} weight="semibold" title={item.subject ?? undefined}>
          {item.redacted ? t('timeline.redacted') : (item.subject ?? t('timeline.noSubject'))}
        </Text>
        <Caption1 className={s.meta}>
          <time dateTime={new Date(item.occurredAt).toISOString()} title={formatDateTime(item.occurredAt)}>{formatRelative(item.occurredAt, now)}</time>
          {' · '}
          {meta}
        </Caption1>
      </div>
    </As>
  );
}
