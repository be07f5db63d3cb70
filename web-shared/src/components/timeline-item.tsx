// One interaction in an account's timeline: what kind, when, which way, the subject (or that its content is
// withheld) and who was involved.
import { Caption1, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
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
  withheld: { color: tokens.colorNeutralForeground3 },
});

/** The first non-empty line of a note: the title of a note or call logged without a subject. */
export function noteFirstLine(note: string | null, max = 120): string | null {
  const line = note?.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0);
  if (!line) return null;
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

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
        {/* A withheld item is a fact, not a headline: muted, so the items one can read stand out in a short list. */}
        <Text className={item.redacted ? mergeClasses(s.subject, s.withheld) : s.subject} weight={item.redacted ? 'regular' : 'semibold'} title={item.subject ?? undefined}>
          {item.redacted ? t('timeline.redacted') : (item.subject ?? noteFirstLine(item.note) ?? t('timeline.noSubject'))}
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
