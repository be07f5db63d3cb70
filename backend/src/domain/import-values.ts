// Cell values as spreadsheets and other CRMs write them, read into Suhde's: "12 500,00 €" and "12,500.00" as
// cents, "31.3.2027" and "2027-03-31T00:00:00Z" as a date, "Closed Won" or "Tarjous" as a stage, a website URL as
// a domain. Each answers null when it cannot tell, and the caller refuses the row with the reason.
import type { CompanySize, Lifecycle, Stage, Tier } from './types.ts';
import { headerKey } from './import-mapping.ts';
import { normalizeDomain } from './addresses.ts';

/** Cents from an amount with or without a currency sign, space or dot thousands, comma or dot decimals. */
export function parseMoney(raw: string): number | null {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/[€$£]|EUR|USD|SEK|NOK|DKK|GBP/gi, '');
  if (s === '') return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the later one is the decimal mark.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    // "12,50" is decimals; "12,500" (three digits after, one comma) is thousands as English writes it.
    s = /^\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3}){2,}$/.test(s)) s = s.replace(/\./g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const cents = Math.round(Number(s) * 100);
  return Number.isFinite(cents) && cents >= 0 && cents <= 1e13 ? cents : null;
}

const iso = (y: number, m: number, d: number): string | null => {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2999 || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** A calendar date: ISO (a time after it ignored), Finnish d.m.yyyy, or US m/d/yyyy as Salesforce and HubSpot write it. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[1]), Number(m[2]));
  return null;
}

const STAGE_NAMES: Record<string, Stage> = Object.fromEntries(
  ([
    ['identified', ['identified', 'lead', 'new', 'prospecting', 'qualification', 'appointment scheduled', 'tunnistettu', 'liidi', 'uusi']],
    ['contacted', ['contacted', 'marketing', 'qualified to buy', 'needs analysis', 'contact made', 'qualified', 'kontaktoitu', 'yhteydessä', 'markkinointi']],
    ['offer', ['offer', 'proposal', 'proposal/price quote', 'presentation scheduled', 'proposal made', 'quote', 'value proposition', 'tarjous', 'tarjottu']],
    ['negotiation', ['negotiation', 'negotiation/review', 'decision maker bought-in', 'contract sent', 'negotiations started', 'neuvottelu', 'neuvotteluvaihe']],
    ['won', ['won', 'closed won', 'closedwon', 'voitettu', 'voitto', 'kauppa']],
    ['lost', ['lost', 'closed lost', 'closedlost', 'hävitty', 'menetetty']],
  ] as [Stage, string[]][]).flatMap(([stage, names]) => names.map((n) => [headerKey(n), stage])),
);

export function parseStage(raw: string): Stage | null {
  return STAGE_NAMES[headerKey(raw)] ?? null;
}

/** "A", "a", "Tier A", "A-asiakas". */
export function parseTier(raw: string): Tier | null {
  const m = /^(?:tier|luokka)?\s*([abcd])(?:\b|[-\s]?asiakas)/i.exec(raw.trim());
  return m ? (m[1]!.toUpperCase() as Tier) : null;
}

const LIFECYCLE_NAMES: Record<string, Lifecycle> = Object.fromEntries(
  ([
    ['prospect', ['prospect', 'lead', 'opportunity', 'salesqualifiedlead', 'marketingqualifiedlead', 'prospekti', 'potentiaalinen', 'liidi']],
    ['customer', ['customer', 'client', 'customerdirect', 'customerchannel', 'asiakas']],
    ['key_account', ['keyaccount', 'key_account', 'evangelist', 'avainasiakas']],
    ['former', ['former', 'formercustomer', 'lost', 'churned', 'other', 'entinen', 'entinenasiakas']],
  ] as [Lifecycle, string[]][]).flatMap(([l, names]) => names.map((n) => [headerKey(n), l])),
);

export function parseLifecycle(raw: string): Lifecycle | null {
  return LIFECYCLE_NAMES[headerKey(raw)] ?? null;
}

/** A size word, or a head count (the EU's bands: under 10 micro, 50 small, 250 medium, 1000 large). */
export function parseSize(raw: string): CompanySize | null {
  const k = headerKey(raw);
  if (['micro', 'small', 'medium', 'large', 'enterprise'].includes(k)) return k as CompanySize;
  const m = /^(\d+)(?:\D+(\d+))?$/.exec(raw.replace(/[\s\u00a0]/g, '').replace(/\+$/, ''));
  if (!m) return null;
  const n = Number(m[2] ?? m[1]);
  return n < 10 ? 'micro' : n < 50 ? 'small' : n < 250 ? 'medium' : n < 1000 ? 'large' : 'enterprise';
}

/** A domain from "aalto-infra.fi", "www.aalto-infra.fi" or "https://www.aalto-infra.fi/yhteystiedot". */
export function parseDomainCell(raw: string): string | null {
  let s = raw.trim().toLowerCase();
  if (!s) return null;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#].*$/, '').replace(/:\d+$/, '').replace(/^www\./, '');
  if (s.includes('@')) s = s.slice(s.lastIndexOf('@') + 1);
  if (!s.includes('.')) return null;
  return normalizeDomain(s);
}
