// How strong a colleague's relationship with a contact (or account) is, 0-100, from what they exchanged.
import { DAY_MS } from './types.ts';

export interface RelationshipStats {
  /** The newest interaction of any age; null when there was none. */
  lastAt: number | null;
  /** Counts over the last 180 days. */
  emailsIn: number;
  emailsOut: number;
  meetings: number;
  calls: number;
  /** The first interaction ever, when known: a relationship of years is sturdier than one of weeks. */
  firstAt?: number | null;
}

export type StrengthLabel = 'strong' | 'warm' | 'cooling' | 'cold' | 'none';

const HALF_LIFE_DAYS = 30;
const SATURATION = 40; // weighted interactions in 180 days at which frequency counts in full
const CALL_WEIGHT = 3;
const MEETING_WEIGHT = 4;

/**
 * strength = round(100 × recency × min(1, 0.25 + 0.75 × engagement + 0.1 × tenure)), where
 *   recency     = 0.5 ^ (days since the last contact / 30): halves with every month of silence;
 *   weighted    = emails in + emails out + 3 × calls + 4 × meetings: talking weighs more than writing;
 *   frequency   = min(1, log2(1 + weighted) / log2(1 + 40)): the first contacts count most, 40 saturates;
 *   reciprocity = (2 × min(in, out) + 3 × calls + 4 × meetings) / weighted: 1 for a balanced exchange or
 *                 conversations, 0 for a one-way mailing; calls and meetings are two-way by nature;
 *   engagement  = frequency × (0.5 + 0.5 × reciprocity);
 *   tenure      = min(1, days since firstAt / 365), 0 when unknown.
 * So one unanswered email yesterday scores about 31, a balanced weekly exchange with meetings 90+, and the
 * same relationship a month later half as much. A more recent last contact, a reply (an email in the direction
 * that lags), a call, a meeting and longer tenure never lower the score; another one-way email may, slightly,
 * when it unbalances a two-way exchange, which is the point of reciprocity.
 */
export function relationshipStrength(s: RelationshipStats, now: number): number {
  if (s.lastAt === null) return 0;
  const days = Math.max(0, (now - s.lastAt) / DAY_MS);
  const recency = Math.pow(0.5, days / HALF_LIFE_DAYS);
  const [emailsIn, emailsOut, meetings, calls] = [s.emailsIn, s.emailsOut, s.meetings, s.calls].map((n) => Math.max(0, n)) as [number, number, number, number];
  const talk = CALL_WEIGHT * calls + MEETING_WEIGHT * meetings;
  const weighted = emailsIn + emailsOut + talk;
  const frequency = Math.min(1, Math.log2(1 + weighted) / Math.log2(1 + SATURATION));
  const reciprocity = weighted === 0 ? 0 : (2 * Math.min(emailsIn, emailsOut) + talk) / weighted;
  const engagement = frequency * (0.5 + 0.5 * reciprocity);
  const tenure = s.firstAt == null ? 0 : Math.min(1, Math.max(0, (now - s.firstAt) / DAY_MS) / 365);
  return Math.round(100 * recency * Math.min(1, 0.25 + 0.75 * engagement + 0.1 * tenure));
}

/** strong ≥ 60, warm ≥ 30; below that cooling while the last contact is under 120 days old, then cold. */
export function strengthLabel(score: number, lastAt: number | null, now: number): StrengthLabel {
  if (lastAt === null) return 'none';
  if (score >= 60) return 'strong';
  if (score >= 30) return 'warm';
  return now - lastAt < 120 * DAY_MS ? 'cooling' : 'cold';
}
