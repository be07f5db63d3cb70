// The demo tenant generator's shapes and shared helpers: the public scales, options and fixed demo people,
// the internal model every section builds on, and working-hours and apportioning helpers.
import type { Account, Contact, Feedback, Interaction, InteractionKind, Opportunity, Role, Tenant, User } from '../domain/types.ts';
import type { Country, Lang } from './vocabulary.ts';
import type { Product } from '../domain/products.ts';
import * as prng from './prng.ts';
import * as helsinkiTime from './helsinki-time.ts';

// Imported values are copied into module constants once (see generate-tenant.ts).
const { Rng } = prng;
type Rng = prng.Rng;
const { helsinkiDay, helsinkiToUtc, nextWeekday, WORK_END_MIN, WORK_START_MIN } = helsinkiTime;

// Public API

export interface TenantScale {
  /** Internal users in total; about 1% admins, 18% managers, the rest reps. */
  users: number;
  accounts: number;
  /** Average contacts per account; the total is exactly round(accounts * contactsPerAccount). */
  contactsPerAccount: number;
  /** Target total of interactions; the rates are calibrated to it (the result is within about 1%). Omit for natural rates. */
  interactions?: number;
  /** Months of history ending at `now`. */
  months: number;
}

export interface GenerateTenantOptions {
  seed: number;
  /** The end of the history, epoch ms. The generator never reads the clock. */
  now: number;
  scale: TenantScale;
  tenantId?: string;
  /** Defaults to DEMO_ENTRA_TENANT_ID; pass another when loading several generated tenants into one store. */
  entraTenantId?: string;
  tenantName?: string;
  /** The tenant's own mail domain (users' addresses). */
  internalDomain?: string;
}

export interface GeneratedTenant {
  tenant: Tenant;
  users: User[];
  accounts: Account[];
  contacts: Contact[];
  opportunities: Opportunity[];
  /** The product catalogue the opportunities' lines were chosen from. */
  products: Product[];
  feedback: Feedback[];
  /** Re-iterable; each iteration is a fresh generator yielding the same interactions in chronological order. */
  interactions: Iterable<Interaction>;
  /** Exactly how many interactions an iteration yields (known from the planning pass). */
  interactionCount: number;
}

/** The demo: 8 reps, 2 managers, 1 admin; 60 accounts (8 A, 15 B, 25 C, 12 D); 390 contacts; a year of history. */
export const DEMO_SCALE: TenantScale = { users: 11, accounts: 60, contactsPerAccount: 6.5, months: 12 };

/** The benchmark: 500 users, 20,000 accounts, 200,000 contacts, about 1,000,000 interactions over a year. */
export const BENCH_SCALE: TenantScale = { users: 500, accounts: 20_000, contactsPerAccount: 10, interactions: 1_000_000, months: 12 };

/** The seed the demo server uses, so every demo start shows the same tenant. */
export const DEMO_SEED = 2026;

/** The demo tenant's Entra directory id: a fixed, fake GUID the local demo issuer signs tokens for. */
export const DEMO_ENTRA_TENANT_ID = '51f3c965-b66f-4974-b8a1-92b83c2744d2';
export const DEMO_TENANT_NAME = 'Suhde Demo Automaatio Oy';
/** The demo seller's own mail domain: fictional, and the tenant's only internal domain. */
export const DEMO_MAIL_DOMAIN = 'suhde-demo.fi';

export interface DemoUserProfile {
  entraObjectId: string;
  displayName: string;
  email: string;
  role: Role;
  team: string | null;
}

/**
 * The demo's people, with fixed Entra object ids (a sign-in picker can list them; tokens carry the oid).
 * Every generated tenant starts its users with these, so the benchmark tenant contains them too.
 */
export const DEMO_USERS: readonly DemoUserProfile[] = [
  { entraObjectId: 'eb97701c-94bf-42df-b2f1-1499c5f151b4', displayName: 'Laura Mäkinen', email: 'laura.makinen@suhde-demo.fi', role: 'rep', team: 'Enterprise' },
  { entraObjectId: 'bea21247-e901-4128-b9bf-0776c7048aef', displayName: 'Mikko Korhonen', email: 'mikko.korhonen@suhde-demo.fi', role: 'rep', team: 'Enterprise' },
  { entraObjectId: 'fcb3d486-a3f9-43ac-ba67-143f29411fca', displayName: 'Sofia Lindqvist', email: 'sofia.lindqvist@suhde-demo.fi', role: 'rep', team: 'Enterprise' },
  { entraObjectId: '59addbdf-e0ef-4f00-bfb2-1b77c5f2f120', displayName: 'James Whitfield', email: 'james.whitfield@suhde-demo.fi', role: 'rep', team: 'Enterprise' },
  { entraObjectId: '74b926fb-f32c-4392-9efb-7367c3e4f3b7', displayName: 'Juha Nieminen', email: 'juha.nieminen@suhde-demo.fi', role: 'rep', team: 'Mid-market' },
  { entraObjectId: 'a0443d77-f85d-45f0-b1f7-be2d8e711089', displayName: 'Emma Saarinen', email: 'emma.saarinen@suhde-demo.fi', role: 'rep', team: 'Mid-market' },
  { entraObjectId: '9f045cb6-6b30-4f1f-b0e9-8223af1f1d10', displayName: 'Oliver Grant', email: 'oliver.grant@suhde-demo.fi', role: 'rep', team: 'Mid-market' },
  { entraObjectId: '1e577935-7d5f-42ef-8944-e6426d786493', displayName: 'Riikka Heikkinen', email: 'riikka.heikkinen@suhde-demo.fi', role: 'rep', team: 'Mid-market' },
  { entraObjectId: 'd923cafa-c78a-4a86-88ce-870769286bc2', displayName: 'Päivi Laaksonen', email: 'paivi.laaksonen@suhde-demo.fi', role: 'manager', team: 'Enterprise' },
  { entraObjectId: 'dd3f6e18-993c-480f-83c0-221d8bce3f2c', displayName: 'Daniel Brooks', email: 'daniel.brooks@suhde-demo.fi', role: 'manager', team: 'Mid-market' },
  { entraObjectId: 'eda79edb-e685-468c-b198-ea6757ad1203', displayName: 'Tuomas Aalto', email: 'tuomas.aalto@suhde-demo.fi', role: 'admin', team: null },
];

export const TEAM_NAMES = ['Enterprise', 'Mid-market', 'SMB', 'Public sector', 'Nordics & Baltics'] as const;

export interface Ctx {
  seed: number;
  now: number;
  historyStart: number;
  tenantCreatedAt: number;
  tenantId: string;
  internalDomain: string;
  /** Quiet local-day ranges (summer holidays, Christmas). */
  quiet: [number, number][];
}

export interface Person {
  id: string;
  name: string;
  address: string;
}

export interface People {
  users: User[];
  reps: Person[];
  repsByTeam: Map<string, Person[]>;
  managersByTeam: Map<string, Person[]>;
  teamOf: Map<string, string | null>;
  teams: string[];
}

/** A contact as the interaction generator needs it: `address` is the first email, `second` the other one if any. */
export interface ContactRef extends Person {
  createdAt: number;
  second: string | null;
}

export interface OppRef {
  id: string;
  name: string;
  /** Interactions may link the opportunity between these times: created .. closed, stalled or now. */
  from: number;
  until: number;
}

type Status = 'active' | 'overdue' | 'cold' | 'awaiting' | 'dormant';

export interface AccountModel {
  index: number;
  account: Account;
  country: Country;
  lang: Lang;
  city: string;
  domain: string;
  contacts: ContactRef[];
  /** Cumulative selection weights over `contacts` (ordered by createdAt): the first contacts are the main ones. */
  contactCum: number[];
  /** When the last of `contacts` was created: from then on, all of them can be picked. */
  allContactsKnownAt: number;
  owner: Person;
  /** Teammates who sometimes handle or join (reps), and the team's managers. */
  colleagues: Person[];
  managers: Person[];
  status: Status;
  /** No touch of this account starts or continues at or after this instant (<= now). */
  activeUntil: number;
  historyFrom: number;
  meanGapDays: number;
  pickKind: (rng: Rng) => InteractionKind;
  opps: OppRef[];
  partner: AccountModel | null;
}

export const MIN_MS = 60_000;

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** A random instant in working hours on the Helsinki day of `t` (or the next weekday). */
export function placeInWorkingHours(rng: Rng, t: number): number {
  const day = nextWeekday(helsinkiDay(t));
  return helsinkiToUtc(day, WORK_START_MIN + rng.int(0, WORK_END_MIN - WORK_START_MIN - 30));
}

/** A random working-hours instant in [lo, hi) (falls back to lo's day when the range has no weekday). */
export function workingTimeBetween(rng: Rng, lo: number, hi: number): number {
  for (let attempt = 0; attempt < 6; attempt++) {
    const t = placeInWorkingHours(rng, rng.float(lo, Math.max(lo + 1, hi)));
    if (t >= lo && t < hi) return t;
  }
  return clamp(lo, lo, Math.max(lo, hi - 1));
}

/** Splits `total` into whole counts proportional to `shares` (largest remainder), so presets get exact counts. */
export function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const raw = shares.map((s) => (total * s) / sum);
  const out = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let left = total - out.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

export function fullName(rng: Rng, pool: { first: readonly string[]; last: readonly string[] }): [string, string] {
  return [rng.pick(pool.first), rng.pick(pool.last)];
}

/** local@domain, with a number when the address is taken: addresses are unique across the tenant. */
export function uniqueAddress(local: string, domain: string, used: Set<string>): string {
  let address = `${local}@${domain}`;
  for (let n = 2; used.has(address); n++) address = `${local}${n}@${domain}`;
  used.add(address);
  return address;
}
