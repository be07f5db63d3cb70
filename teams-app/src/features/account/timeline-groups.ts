// The timeline as rows a person can read: consecutive items the viewer may not open (metadata-only items of
// colleagues) become one summary line ("6 emails between Sofia Lindqvist and Aino Saarinen, Oct 2–14"),
// notes and calls are titled by their note's first line. Pure, so the wording is tested without a page.
import { noteFirstLine as firstLine, type I18n } from '../../../../web-shared/src/index.ts';

/** Re-exported: the shared timeline item titles notes the same way. */
export { firstLine };

export interface GroupableItem {
  id: string;
  kind: string;
  occurredAt: number;
  redacted: boolean;
  subject: string | null;
  note: string | null;
  participants: { address: string; displayName: string | null; userId?: string | null }[];
}

export type TimelineRow<T> = { type: 'item'; item: T } | { type: 'group'; id: string; items: T[] };

/** Runs of redacted items become groups (a run of one too: a summary line reads better than a bare notice). */
export function groupTimeline<T extends GroupableItem>(items: readonly T[]): TimelineRow<T>[] {
  const rows: TimelineRow<T>[] = [];
  for (const item of items) {
    const last = rows[rows.length - 1];
    if (!item.redacted) rows.push({ type: 'item', item });
    else if (last?.type === 'group') last.items.push(item);
    else rows.push({ type: 'group', id: `group-${item.id}`, items: [item] });
  }
  return rows;
}

/** What the item is called in the list: its subject, else its note's first line; null when neither. */
export function itemTitle(i: Pick<GroupableItem, 'subject' | 'note'>): string | null {
  return i.subject ?? firstLine(i.note);
}

/** The note below a title taken from it: the rest of the note, so the first line is not shown twice. */
export function noteBelowTitle(i: Pick<GroupableItem, 'subject' | 'note'>): string | null {
  if (!i.note) return null;
  if (i.subject) return i.note;
  const lines = i.note.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim().length > 0);
  const rest = lines.slice(first + 1).join('\n').trim();
  return rest || null;
}

const KIND_ORDER = ['email', 'meeting', 'call', 'chat', 'note'];

/** "6 emails between Sofia Lindqvist and Aino Saarinen, Oct 2–14" in the user's language. */
export function groupSummary(items: readonly GroupableItem[], i18n: I18n, now: number): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  const list = new Intl.ListFormat(i18n.locale, { type: 'conjunction' });
  const what = list.format(
    [...counts].sort((a, b) => KIND_ORDER.indexOf(a[0]) - KIND_ORDER.indexOf(b[0])).map(([kind, n]) => i18n.t(`timeline.group.kind.${kind}`, { n })),
  );
  // The people most often on these items first; at most two by name.
  const seen = new Map<string, { name: string; n: number }>();
  for (const i of items) {
    for (const p of i.participants) {
      const key = p.address.toLowerCase();
      const cur = seen.get(key) ?? { name: p.displayName || p.address, n: 0 };
      cur.n++;
      seen.set(key, cur);
    }
  }
  const names = [...seen.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, i18n.locale)).map((x) => x.name);
  const shown = names.slice(0, 2);
  if (names.length > 2) shown.push(i18n.t('timeline.group.others', { n: names.length - 2 }));
  const times = items.map((i) => i.occurredAt);
  const dates = dateRange(Math.min(...times), Math.max(...times), i18n.locale, now);
  return shown.length
    ? i18n.t('timeline.group.between', { what, people: list.format(shown), dates })
    : i18n.t('timeline.group.noPeople', { what, dates });
}

/** "Oct 2–14", "Sep 28 – Oct 3", "2.–14.10."; the year only when it is not this year's. */
export function dateRange(from: number, to: number, locale: string, now: number): string {
  const year = (ms: number) => new Date(ms).getFullYear();
  const thisYear = year(now);
  const opts: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', ...(year(from) !== thisYear || year(to) !== thisYear ? { year: 'numeric' } : {}) };
  const f = new Intl.DateTimeFormat(locale, opts);
  return f.formatRange(from, to);
}
