// How strong a colleague's relationship with a contact (or account) is, 0-100, from what they exchanged.
import { DAY_MS } from './types.ts';

export interface RelationshipStats {
  lastAt: number | null;
  /** Counts over the last 180 days. */
  emailsIn: number;
  emailsOut: number;
  meetings: number;
  calls: number;
}

export type StrengthLabel = 'strong' | 'warm' | 'cooling' | 'cold' | 'none';

/**
 * strength = 100 × recency × (0.25 + 0.75 × engagement), where
 *   recency    = 0.5 ^ (days since the last contact / 30): halves every month of silence;
 *   engagement = min(1, log2(1 + weighted) / log2(1 + 40)) × (0.6 + 0.4 × twoWay), with
 *     weighted = emails + 3 × calls + 4 × meetings (talking weighs more than writing), saturating at 40;
 *     twoWay   = min(in, out) / max(in, out) over emails, or 1 when there were calls or meetings
 *                (a conversation in both directions, not a one-sided mailing).
 * So one reply-less email yesterday scores low (about 35) and weekly two-way contact with meetings scores 90+.
 */
export function relationshipStrength(s: RelationshipStats, now: number): number {
  if (s.lastAt === null) return 0;
  const days = Math.max(0, (now - s.lastAt) / DAY_MS);
  const recency = Math.pow(0.5, days / 30);
  const emails = s.emailsIn + s.emailsOut;
  const weighted = emails + 3 * s.calls + 4 * s.meetings;
  const frequency = Math.min(1, Math.log2(1 + weighted) / Math.log2(1 + 40));
  const twoWay = s.meetings + s.calls > 0 ? 1 : emails === 0 ? 0 : Math.min(s.emailsIn, s.emailsOut) / Math.max(s.emailsIn, s.emailsOut);
  const engagement = frequency * (0.6 + 0.4 * twoWay);
  return Math.round(100 * recency * (0.25 + 0.75 * engagement));
}

export function strengthLabel(score: number, lastAt: number | null, now: number): StrengthLabel {
  if (lastAt === null) return 'none';
  if (score >= 60) return 'strong';
  if (score >= 30) return 'warm';
  return now - lastAt < 120 * DAY_MS ? 'cooling' : 'cold';
}
