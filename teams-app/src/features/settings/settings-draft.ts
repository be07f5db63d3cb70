// The settings page's form as a value: the tenant's settings as editable text (numbers and lists as typed), back
// to the body PUT /api/settings takes, and the API's field errors gathered per control. Pure.
import type { InferResponseType } from 'hono/client';
import type { ApiClient } from '../../../../web-shared/src/index.ts';
import type { FormErrors } from '../common/form-errors.ts';

export type Settings = InferResponseType<ApiClient['settings']['$get'], 200>;
export const TIERS = ['A', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];
export const FREQUENCIES = ['none', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const LISTS = ['internalDomains', 'blockedDomains', 'blockedAddresses'] as const;
export type ListField = (typeof LISTS)[number];

export interface TierDraft {
  /** Days as typed; empty means the tier has no cadence. */
  cadence: string;
  meetings: string;
  businessReview: Frequency;
  npsSurvey: Frequency;
}

export interface SettingsDraft {
  tiers: Record<Tier, TierDraft>;
  defaultSyncVisibility: Settings['defaultSyncVisibility'];
  storeSnippets: boolean;
  /** One entry a line. */
  lists: Record<ListField, string>;
  /** Months as typed; empty keeps interactions. */
  retentionMonths: string;
  retentionAction: 'delete' | 'anonymise';
  /** IANA name as typed; the API says when it is not one. */
  timeZone: string;
}

// The API always answers both; its schema marks them optional only because a PUT may leave them out.
const NO_PLAN = { meetingsPerQuarter: 0, businessReview: 'none', npsSurvey: 'none' } as const;
const KEEP = { months: null, action: 'anonymise' } as const;
const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

export function draftOf(s: Settings): SettingsDraft {
  const tier = (t: Tier): TierDraft => {
    const plan = s.carePlans?.[t] ?? NO_PLAN;
    return { cadence: s.cadenceDays[t] === null ? '' : String(s.cadenceDays[t]), meetings: String(plan.meetingsPerQuarter), businessReview: plan.businessReview, npsSurvey: plan.npsSurvey };
  };
  const retention = s.retention ?? KEEP;
  return {
    tiers: { A: tier('A'), B: tier('B'), C: tier('C'), D: tier('D') },
    defaultSyncVisibility: s.defaultSyncVisibility,
    storeSnippets: s.storeSnippets,
    lists: { internalDomains: s.internalDomains.join('\n'), blockedDomains: s.blockedDomains.join('\n'), blockedAddresses: s.blockedAddresses.join('\n') },
    retentionMonths: retention.months === null ? '' : String(retention.months),
    retentionAction: retention.action,
    timeZone: s.timeZone ?? DEFAULT_TIME_ZONE,
  };
}

export const linesOf = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** A typed number as the API gets it: not a number stays as text, so the API names the field rather than a guess. */
const num = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text.trim());

/** The PUT body: the draft over the settings it was made from (the settings this page does not show are kept). */
export function settingsBody(base: Settings, d: SettingsDraft) {
  const cadence = (t: Tier) => (d.tiers[t].cadence.trim() === '' ? null : num(d.tiers[t].cadence));
  const plan = (t: Tier) => ({ meetingsPerQuarter: d.tiers[t].meetings.trim() === '' ? 0 : num(d.tiers[t].meetings), businessReview: d.tiers[t].businessReview, npsSurvey: d.tiers[t].npsSurvey });
  return {
    ...base,
    cadenceDays: { A: cadence('A'), B: cadence('B'), C: cadence('C'), D: cadence('D') },
    carePlans: { A: plan('A'), B: plan('B'), C: plan('C'), D: plan('D') },
    defaultSyncVisibility: d.defaultSyncVisibility,
    storeSnippets: d.storeSnippets,
    internalDomains: linesOf(d.lists.internalDomains),
    blockedDomains: linesOf(d.lists.blockedDomains),
    blockedAddresses: linesOf(d.lists.blockedAddresses),
    retention: { months: d.retentionMonths.trim() === '' ? null : num(d.retentionMonths), action: d.retentionAction },
    timeZone: d.timeZone.trim(),
  } as unknown as Settings;
}

/** Every field path the API may name for this draft, so useFormSave puts each message beside its control. */
export function knownFields(d: SettingsDraft): string[] {
  const out = ['defaultSyncVisibility', 'storeSnippets', 'retention.months', 'retention.action', 'timeZone'];
  for (const t of TIERS) out.push(`cadenceDays.${t}`, `carePlans.${t}.meetingsPerQuarter`, `carePlans.${t}.businessReview`, `carePlans.${t}.npsSurvey`);
  for (const l of LISTS) {
    out.push(l);
    linesOf(d.lists[l]).forEach((_, i) => out.push(`${l}.${i}`));
  }
  return out;
}

/** A list's messages as one, each naming the entry it is about ("gmail.com: …"). */
export function listError(errors: FormErrors, list: ListField, d: SettingsDraft): string | undefined {
  const lines = linesOf(d.lists[list]);
  const messages = Object.entries(errors.fields)
    .filter(([f]) => f === list || f.startsWith(`${list}.`))
    .map(([f, m]) => {
      const entry = lines[Number(f.slice(list.length + 1))];
      return entry !== undefined && !m.includes(entry) ? `${entry}: ${m}` : m;
    });
  return messages.length ? messages.join('; ') : undefined;
}

/** The IANA zones this browser knows, offered while typing; the API's list decides what is valid. */
export function timeZoneNames(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: 'timeZone') => string[] }).supportedValuesOf;
  return supported ? supported('timeZone') : [DEFAULT_TIME_ZONE, 'UTC'];
}
