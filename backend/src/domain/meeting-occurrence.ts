// Which occurrence of a meeting a Teams chat means now: a recurring Teams meeting has one chat for the whole
// series, while each occurrence is its own interaction. The one under way wins, then the one whose start is
// nearest (the next one shortly before it starts, the last one just after it ended). Pure.

export interface MeetingTime {
  occurredAt: number;
  durationMinutes: number | null;
}

export function occurrenceAt<T extends MeetingTime>(occurrences: readonly T[], now: number): T | null {
  const end = (m: T) => m.occurredAt + (m.durationMinutes ?? 0) * 60_000;
  const running = occurrences.filter((m) => m.occurredAt <= now && now < end(m));
  const pool = running.length ? running : occurrences;
  const distance = (m: T) => (now < m.occurredAt ? m.occurredAt - now : Math.max(0, now - end(m)));
  return [...pool].sort((a, b) => distance(a) - distance(b) || a.occurredAt - b.occurredAt)[0] ?? null;
}
