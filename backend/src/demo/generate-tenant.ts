// A deterministic generator for a whole tenant: the demo's fictional Finnish automation seller and the
// benchmark's 20,000-account, million-interaction tenant. Output depends only on (seed, now, scale): the
// generator never reads the clock or Math.random, so tests, the demo and benchmark runs see the same data.
//
// Interactions are streamed, not stored: each account has its own "touch" stream (an email thread, a
// meeting, a call, a note, a chat) drawn from its own PRNG, and a day-by-day merge yields them in time order
// while holding only about a day of pending entries in memory. Because an account's touch times come from
// its own stream, a cheap first pass over the times alone gives each account's lastContactAt and the exact
// interaction count before anything is materialised, and calibrates the rates to a target total.

import type {
  Account, CompanySize, Contact, Direction, Feedback, Interaction, InteractionKind, InteractionSource, Lifecycle, Opportunity,
  OpportunityLine, Participant, ParticipantRole, Role, Stage, Tenant, Tier, User, Visibility,
} from '../domain/types.ts';
import type { Country, Lang, Topic } from './vocabulary.ts';
import * as domainTypes from '../domain/types.ts';
import * as prng from './prng.ts';
import * as helsinkiTime from './helsinki-time.ts';
import * as vocabulary from './vocabulary.ts';

// Imported values are copied into module constants once. When tsx runs code as CommonJS (`tsx -e`, scripts
// outside an ESM package) every use of an imported name becomes a getter call, which the benchmark's million
// interactions notice; plain ESM and vitest are unaffected either way.
const { DAY_MS, DEFAULT_TENANT_SETTINGS, OPEN_STAGES, TIERS } = domainTypes;
const { hexFrom, Rng, stableUuid, uuidFrom, weightedPicker } = prng;
type Rng = prng.Rng;
const {
  addMonthsUtc, helsinkiDate, helsinkiDay, helsinkiToUtc, nextWeekday, nextWorkingTime, previousWeekday, WORK_END_MIN, WORK_START_MIN,
} = helsinkiTime;
const {
  asciiFold, CALL_NOTES, CALL_SUBJECTS, CHAT_TEXTS, COUNTRIES, COUNTRY_WEIGHTS, DEAL_TEMPLATES, EMAIL_SNIPPETS, EMAIL_SUBJECTS,
  ENGLISH_NAMES, FEEDBACK_COMMENTS, FINNISH_NAMES, FINNISH_STEMS, FOREIGN_STEMS, INDUSTRIES, INDUSTRY_WEIGHTS, MEETING_SUBJECTS,
  NAME_MODIFIERS, NOTE_TEXTS, ONSITE_MEETING_SNIPPET, PRODUCT_CATALOGUE, PUBLIC_MAILBOX_DOMAINS, REGION_CITY, REPLY_PREFIX,
  ROLE_MAILBOXES, TEAMS_MEETING_SNIPPET, TITLES, TOPIC_WEIGHTS, TOPICS,
} = vocabulary;

export { PRODUCT_CATALOGUE } from './vocabulary.ts';

// ---------------------------------------------------------------------------------------------------------
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

export function generateTenant(options: GenerateTenantOptions): GeneratedTenant {
  const { seed, now, scale } = options;
  if (!Number.isFinite(now)) throw new RangeError('now must be epoch milliseconds');
  if (!(scale.users >= 1 && scale.accounts >= 1 && scale.months >= 1 && scale.contactsPerAccount >= 1)) {
    throw new RangeError('scale needs at least one user, one account, one contact per account and one month');
  }
  const historyStart = addMonthsUtc(now, -scale.months);
  const internalDomain = options.internalDomain ?? DEMO_MAIL_DOMAIN;
  const tenantCreatedAt = placeInWorkingHours(new Rng(seed, 'tenant-created'), historyStart - 30 * DAY_MS);

  const tenant: Tenant = {
    id: options.tenantId ?? uuidFrom(new Rng(seed, 'tenant')),
    name: options.tenantName ?? DEMO_TENANT_NAME,
    entraTenantId: options.entraTenantId ?? DEMO_ENTRA_TENANT_ID,
    // Snippets on, so the demo's timelines show what the generated emails were about.
    settings: { ...DEFAULT_TENANT_SETTINGS, internalDomains: [internalDomain], storeSnippets: true },
    createdAt: tenantCreatedAt,
  };
  const ctx: Ctx = { seed, now, historyStart, tenantCreatedAt, tenantId: tenant.id, internalDomain, quiet: quietSeasons(historyStart, now) };

  const people = buildUsers(ctx, scale.users);
  const models = buildAccounts(ctx, scale, people);
  const contacts = buildContacts(ctx, models, Math.round(scale.accounts * scale.contactsPerAccount));
  const opportunities = buildOpportunities(ctx, models);
  const feedback = buildFeedback(ctx, models);
  assignPartners(ctx, models);

  const plan = planInteractions(ctx, models, scale.interactions);
  for (const m of models) {
    const last = plan.lastContact[m.index]!;
    m.account.lastContactAt = last > 0 ? last : null;
  }

  const interactions: Iterable<Interaction> = {
    [Symbol.iterator]: function* () {
      yield* emitInteractions(ctx, models, plan.activity);
    },
  };

  return {
    tenant,
    users: people.users,
    accounts: models.map((m) => m.account),
    contacts,
    opportunities,
    feedback,
    interactions,
    interactionCount: plan.count,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Internal model

interface Ctx {
  seed: number;
  now: number;
  historyStart: number;
  tenantCreatedAt: number;
  tenantId: string;
  internalDomain: string;
  /** Quiet local-day ranges (summer holidays, Christmas). */
  quiet: [number, number][];
}

interface Person {
  id: string;
  name: string;
  address: string;
}

interface People {
  users: User[];
  reps: Person[];
  repsByTeam: Map<string, Person[]>;
  managersByTeam: Map<string, Person[]>;
  teamOf: Map<string, string | null>;
  teams: string[];
}

/** A contact as the interaction generator needs it: `address` is the first email, `second` the other one if any. */
interface ContactRef extends Person {
  createdAt: number;
  second: string | null;
}

interface OppRef {
  id: string;
  name: string;
  /** Interactions may link the opportunity between these times: created .. closed, stalled or now. */
  from: number;
  until: number;
}

type Status = 'active' | 'overdue' | 'cold' | 'awaiting' | 'dormant';

interface AccountModel {
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

/**
 * Mean days between touches by tier at natural rates: A several times a week (a key account has many people
 * talking), B a few times a month, C every month or two, D a few times a year. Well inside each tier's cadence,
 * so only the accounts deliberately made overdue or cold (and the odd long lull) miss it.
 */
const TIER_GAP_DAYS: Record<Tier, number> = { A: 2.5, B: 12, C: 40, D: 110 };
const TIER_SHARE: Record<Tier, number> = { A: 8, B: 15, C: 25, D: 12 };

const KIND_ORDER: readonly InteractionKind[] = ['email', 'meeting', 'call', 'note', 'chat'];
/** Email dominates everywhere; the closer the relationship, the more meetings and chat. */
const KIND_WEIGHTS: Record<Tier, readonly number[]> = {
  A: [52, 16, 12, 10, 10],
  B: [58, 12, 13, 9, 8],
  C: [64, 9, 13, 8, 6],
  D: [72, 5, 10, 10, 3],
};
const KIND_PICKERS: Record<Tier, (rng: Rng) => InteractionKind> = {
  A: weightedPicker(KIND_ORDER, KIND_WEIGHTS.A),
  B: weightedPicker(KIND_ORDER, KIND_WEIGHTS.B),
  C: weightedPicker(KIND_ORDER, KIND_WEIGHTS.C),
  D: weightedPicker(KIND_ORDER, KIND_WEIGHTS.D),
};

const MIN_MS = 60_000;
/**
 * The merge window. A day keeps the buffer small (a few thousand entries at benchmark scale), so entries die
 * young instead of being promoted to the old generation; the per-window pass over all cursors stays cheap.
 */
const WINDOW_MS = DAY_MS;

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** A random instant in working hours on the Helsinki day of `t` (or the next weekday). */
function placeInWorkingHours(rng: Rng, t: number): number {
  const day = nextWeekday(helsinkiDay(t));
  return helsinkiToUtc(day, WORK_START_MIN + rng.int(0, WORK_END_MIN - WORK_START_MIN - 30));
}

/** A random working-hours instant in [lo, hi) (falls back to lo's day when the range has no weekday). */
function workingTimeBetween(rng: Rng, lo: number, hi: number): number {
  for (let attempt = 0; attempt < 6; attempt++) {
    const t = placeInWorkingHours(rng, rng.float(lo, Math.max(lo + 1, hi)));
    if (t >= lo && t < hi) return t;
  }
  return clamp(lo, lo, Math.max(lo, hi - 1));
}

/** Splits `total` into whole counts proportional to `shares` (largest remainder), so presets get exact counts. */
function apportion(total: number, shares: readonly number[]): number[] {
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

function fullName(rng: Rng, pool: { first: readonly string[]; last: readonly string[] }): [string, string] {
  return [rng.pick(pool.first), rng.pick(pool.last)];
}

/** local@domain, with a number when the address is taken: addresses are unique across the tenant. */
function uniqueAddress(local: string, domain: string, used: Set<string>): string {
  let address = `${local}@${domain}`;
  for (let n = 2; used.has(address); n++) address = `${local}${n}@${domain}`;
  used.add(address);
  return address;
}

// ---------------------------------------------------------------------------------------------------------
// Users

function buildUsers(ctx: Ctx, n: number): People {
  const rng = new Rng(ctx.seed, 'users');
  const admins = n >= 3 ? Math.max(1, Math.round(n / 100)) : 0;
  const managers = n >= 2 ? Math.max(1, Math.round(n * 0.18)) : 0;
  const reps = n - admins - managers;
  const teamCount = clamp(Math.ceil(reps / 40), Math.min(2, reps), TEAM_NAMES.length);
  const teams: string[] = TEAM_NAMES.slice(0, Math.max(1, teamCount));
  const used = new Set<string>();
  const users: User[] = [];
  const people: People = { users, reps: [], repsByTeam: new Map(), managersByTeam: new Map(), teamOf: new Map(), teams };
  for (const t of teams) {
    people.repsByTeam.set(t, []);
    people.managersByTeam.set(t, []);
  }

  const plan: [Role, number][] = [['rep', reps], ['manager', managers], ['admin', admins]];
  for (const [role, count] of plan) {
    const fixed = DEMO_USERS.filter((u) => u.role === role);
    for (let k = 0; k < count; k++) {
      const profile = fixed[k];
      let displayName: string;
      let email: string;
      let team: string | null;
      let entraObjectId: string;
      if (profile) {
        // The demo's own people, with their fixed object ids (the address follows the internal domain).
        displayName = profile.displayName;
        email = uniqueAddress(profile.email.split('@')[0]!, ctx.internalDomain, used);
        team = role === 'admin' ? null : profile.team && teams.includes(profile.team) ? profile.team : teams[k % teams.length]!;
        entraObjectId = profile.entraObjectId;
      } else {
        const [first, last] = fullName(rng, rng.chance(0.75) ? FINNISH_NAMES : ENGLISH_NAMES);
        displayName = `${first} ${last}`;
        email = uniqueAddress(`${asciiFold(first)}.${asciiFold(last)}`, ctx.internalDomain, used);
        team = role === 'admin' ? null : teams[k % teams.length]!;
        // Fixed per (role, ordinal), not per seed: a user keeps their Entra identity across regenerations.
        entraObjectId = stableUuid(0x5eed, 'entra-oid', role, k);
      }
      const user: User = {
        id: uuidFrom(rng), tenantId: ctx.tenantId, entraObjectId, displayName, email, role, team, createdAt: ctx.tenantCreatedAt,
      };
      users.push(user);
      const person: Person = { id: user.id, name: displayName, address: email };
      people.teamOf.set(user.id, team);
      if (role === 'rep') {
        people.reps.push(person);
        people.repsByTeam.get(team!)!.push(person);
      } else if (role === 'manager') {
        people.managersByTeam.get(team!)!.push(person);
      }
    }
  }
  if (people.reps.length === 0) throw new RangeError('scale.users leaves no reps to own accounts');
  return people;
}

// ---------------------------------------------------------------------------------------------------------
// Accounts

const SIZE_ORDER: readonly CompanySize[] = ['micro', 'small', 'medium', 'large', 'enterprise'];
const SIZE_WEIGHTS: Record<Tier, readonly number[]> = {
  A: [0, 2, 20, 45, 33],
  B: [2, 15, 45, 30, 8],
  C: [12, 38, 38, 10, 2],
  D: [35, 40, 20, 5, 0],
};
/** A/B accounts are contract customers; D ones are often prospects or customers lost. */
const LIFECYCLE_ORDER: readonly Lifecycle[] = ['prospect', 'customer', 'key_account', 'former'];
const LIFECYCLE_WEIGHTS: Record<Tier, readonly number[]> = {
  A: [0, 30, 70, 0],
  B: [15, 75, 10, 0],
  C: [45, 55, 0, 0],
  D: [50, 15, 0, 35],
};
/** Bigger customers are in touch more often (a multiplier on the gap between touches). */
const SIZE_GAP_FACTOR: Record<CompanySize, number> = { micro: 1.3, small: 1.15, medium: 1, large: 0.9, enterprise: 0.8 };
/** Contacts known per account, relative to the average. */
const SIZE_CONTACT_FACTOR: Record<CompanySize, number> = { micro: 0.45, small: 0.7, medium: 1, large: 1.3, enterprise: 1.6 };

function preferredTeams(tier: Tier, country: Country, teams: string[]): string[] {
  const wanted = country.code !== 'FI' && teams.includes('Nordics & Baltics')
    ? ['Nordics & Baltics']
    : tier === 'A' || tier === 'B'
      ? ['Enterprise', 'Public sector']
      : ['Mid-market', 'SMB'];
  const found = wanted.filter((t) => teams.includes(t));
  return found.length ? found : teams;
}

function buildAccounts(ctx: Ctx, scale: TenantScale, people: People): AccountModel[] {
  const rng = new Rng(ctx.seed, 'accounts');
  const tierCounts = apportion(scale.accounts, TIERS.map((t) => TIER_SHARE[t]));
  const tiers = rng.shuffle(TIERS.flatMap((t, i) => Array<Tier>(tierCounts[i]!).fill(t)));
  const pickCountry = weightedPicker(COUNTRIES, COUNTRY_WEIGHTS);
  const pickIndustry = weightedPicker(INDUSTRIES, INDUSTRY_WEIGHTS);
  const sizePickers = Object.fromEntries(TIERS.map((t) => [t, weightedPicker(SIZE_ORDER, SIZE_WEIGHTS[t])])) as Record<Tier, (r: Rng) => CompanySize>;
  const lifecyclePickers = Object.fromEntries(TIERS.map((t) => [t, weightedPicker(LIFECYCLE_ORDER, LIFECYCLE_WEIGHTS[t])])) as Record<Tier, (r: Rng) => Lifecycle>;
  const ownerPools = new Map<string, Person[]>();
  const teammates = new Map<string, Person[]>();
  const usedNames = new Set<string>();
  const usedDomains = new Set<string>([ctx.internalDomain, ...PUBLIC_MAILBOX_DOMAINS]);
  const models: AccountModel[] = [];

  for (let index = 0; index < tiers.length; index++) {
    const tier = tiers[index]!;
    const country = pickCountry(rng);
    const region = country.regionWeights ? rng.weighted(country.regions, country.regionWeights) : rng.pick(country.regions);
    const city = REGION_CITY[region] ?? region;
    const industry = pickIndustry(rng);
    const size = sizePickers[tier](rng);
    const lifecycle = lifecyclePickers[tier](rng);
    const suffix = rng.weighted(country.suffixes, country.suffixWeights);
    const finnish = country.code === 'FI';
    // Finnish customers mostly write in Finnish; a few (and everyone abroad) in English.
    const lang: Lang = finnish && rng.chance(0.88) ? 'fi' : 'en';

    // A name and a registrable domain that no other account has: stem + industry word (+ modifier), with the
    // region as a last resort, so even the benchmark's 20,000 names stay distinct.
    let name = '';
    let slug = '';
    let stem = '';
    for (let attempt = 0; ; attempt++) {
      stem = rng.pick(finnish ? FINNISH_STEMS : FOREIGN_STEMS);
      const word = rng.pick(industry.words);
      const modifier = attempt < 3 ? '' : rng.pick(NAME_MODIFIERS);
      const qualifier = attempt < 8 ? '' : attempt < 16 ? ` ${city}` : ` ${city} ${attempt}`;
      let base = `${stem} ${word}`;
      if (modifier) base += ` ${modifier}`;
      base += qualifier;
      if (usedNames.has(base)) continue;
      slug = asciiFold(base.replace(/\s+/g, '-'));
      const domain = `${slug}.${country.tld}`;
      if (usedDomains.has(domain)) continue;
      name = `${base} ${suffix}`;
      usedNames.add(base);
      usedDomains.add(domain);
      break;
    }
    const domains = [`${slug}.${country.tld}`];
    // Some companies also own their short name under .com (kivimaki.com) and use it for mail too.
    const short = `${asciiFold(stem.replace(/\s+/g, '-'))}.com`;
    if (rng.chance(0.3) && !usedDomains.has(short)) {
      usedDomains.add(short);
      domains.push(short);
    }

    // Owners come mostly from the teams that serve the tier (pools and teammates are cached: 20,000 accounts).
    const poolKey = `${tier}|${country.code === 'FI' ? 'FI' : 'abroad'}`;
    let pool = ownerPools.get(poolKey);
    if (!pool) {
      pool = preferredTeams(tier, country, people.teams).flatMap((t) => people.repsByTeam.get(t) ?? []);
      ownerPools.set(poolKey, pool);
    }
    const owner = rng.pick(rng.chance(0.8) && pool.length ? pool : people.reps);
    const team = people.teamOf.get(owner.id) ?? null;
    let colleagues = teammates.get(owner.id);
    if (!colleagues) {
      colleagues = (team ? people.repsByTeam.get(team) ?? [] : []).filter((p) => p.id !== owner.id);
      teammates.set(owner.id, colleagues);
    }
    const managers = team ? people.managersByTeam.get(team) ?? [] : [];

    // Long-standing customers came in with the initial import; many prospects were found during the year.
    const isNew = lifecycle === 'prospect' ? rng.chance(0.55) : lifecycle === 'customer' ? rng.chance(0.1) : false;
    const latestNew = ctx.now - 45 * DAY_MS;
    const earliestNew = ctx.historyStart + 14 * DAY_MS;
    const createdAt = isNew && latestNew > earliestNew
      ? workingTimeBetween(rng, earliestNew, latestNew)
      : ctx.tenantCreatedAt + rng.int(1, 120) * MIN_MS;
    const updatedAt = createdAt + Math.floor(rng.next() * (ctx.now - createdAt) * 0.8);

    const account: Account = {
      id: uuidFrom(rng), tenantId: ctx.tenantId, name, domains, tier, lifecycle, ownerId: owner.id, industry: industry.label, size,
      region, lastContactAt: null, createdAt, updatedAt,
    };
    models.push({
      index, account, country, lang, city, domain: domains[0]!, contacts: [], contactCum: [], allContactsKnownAt: 0, owner, colleagues, managers,
      status: lifecycle === 'former' ? 'dormant' : 'active',
      activeUntil: lifecycle === 'former' ? ctx.now - rng.int(90, 300) * DAY_MS : ctx.now,
      historyFrom: Math.max(ctx.historyStart, createdAt),
      meanGapDays: TIER_GAP_DAYS[tier] * SIZE_GAP_FACTOR[size] * Math.exp(rng.normal(0, 0.3)),
      pickKind: KIND_PICKERS[tier],
      opps: [],
      partner: null,
    });
  }

  assignRhythmExceptions(ctx, rng, models);
  return models;
}

/**
 * The accounts the product should flag: some overdue on their tier's cadence, some gone cold 2-4 months
 * ago, and some whose latest inbound email is still waiting for an answer.
 */
function assignRhythmExceptions(ctx: Ctx, rng: Rng, models: AccountModel[]): void {
  const cadence = DEFAULT_TENANT_SETTINGS.cadenceDays;
  // Only accounts with a year-long history can go quiet; new ones are still being won.
  const eligible = rng.shuffle(
    models.filter((m) => cadence[m.account.tier] !== null && m.status === 'active' && m.account.createdAt <= ctx.now - 200 * DAY_MS),
  );
  const n = eligible.length;
  const overdue = Math.min(n, Math.max(4, Math.round(n * 0.06)));
  const cold = Math.min(n - overdue, Math.max(3, Math.round(n * 0.04)));
  const awaiting = Math.min(n - overdue - cold, Math.max(3, Math.round(n * 0.03)));
  let i = 0;
  for (; i < overdue; i++) {
    const m = eligible[i]!;
    m.status = 'overdue';
    m.activeUntil = ctx.now - Math.round(cadence[m.account.tier]! * rng.float(1.15, 1.9) * DAY_MS);
  }
  for (; i < overdue + cold; i++) {
    const m = eligible[i]!;
    m.status = 'cold';
    m.activeUntil = ctx.now - rng.int(60, 120) * DAY_MS;
  }
  for (; i < overdue + cold + awaiting; i++) {
    const m = eligible[i]!;
    m.status = 'awaiting';
    // The customer's email arrived 2-18 days ago (well inside the cadence) and nobody has answered.
    const daysAgo = rng.float(2, Math.min(18, cadence[m.account.tier]! - 2));
    let day = previousWeekday(helsinkiDay(ctx.now - daysAgo * DAY_MS));
    let t = helsinkiToUtc(day, WORK_START_MIN + rng.int(0, WORK_END_MIN - WORK_START_MIN - 30));
    while (t >= ctx.now - DAY_MS) {
      day = previousWeekday(day - 1);
      t = helsinkiToUtc(day, WORK_START_MIN + rng.int(0, WORK_END_MIN - WORK_START_MIN - 30));
    }
    m.activeUntil = t;
  }
}

/** A few accounts work with another (an integrator, a sister company): their email threads sometimes copy it. */
function assignPartners(ctx: Ctx, models: AccountModel[]): void {
  const rng = new Rng(ctx.seed, 'partners');
  // Only steady, long-standing accounts are copied in, so a partner's own rhythm and last contact stay as planned.
  const candidates = models.filter((m) => m.status === 'active' && m.account.createdAt <= ctx.historyStart && m.contacts.length > 0);
  if (candidates.length < 2) return;
  for (const m of models) {
    if (!rng.chance(0.1)) continue;
    const p = rng.pick(candidates);
    if (p !== m) m.partner = p;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Contacts

function formatPhone(rng: Rng, country: Country, landline: boolean): string {
  if (country.code === 'FI') {
    if (landline) {
      const area = rng.pick(['9', '3', '2', '8', '14', '17', '6']);
      return `+358 ${area} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
    }
    return `+358 ${rng.pick(country.mobile)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
  }
  return `${country.phonePrefix} ${rng.pick(country.mobile)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
}

function buildContacts(ctx: Ctx, models: AccountModel[], total: number): Contact[] {
  const rng = new Rng(ctx.seed, 'contacts');
  // Per-account counts follow company size; then nudged one by one to hit the exact total.
  const mean = total / models.length;
  const counts = models.map((m) => Math.max(1, Math.round(mean * SIZE_CONTACT_FACTOR[m.account.size!] * Math.exp(rng.normal(0, 0.25)))));
  let sum = counts.reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const i = rng.int(0, counts.length - 1);
    if (sum < total) {
      counts[i]!++;
      sum++;
    } else if (counts[i]! > 1) {
      counts[i]!--;
      sum--;
    }
  }

  const used = new Set<string>();
  const contacts: Contact[] = [];
  for (const m of models) {
    const a = m.account;
    const names = m.country.names;
    const n = counts[m.index]!;
    const small = a.size === 'micro' || a.size === 'small';
    const refs: ContactRef[] = [];
    for (let k = 0; k < n; k++) {
      // Finnish companies employ some English speakers, and English-speaking staff use English titles.
      const [first, last] = fullName(rng, m.country.code === 'FI' && rng.chance(0.06) ? ENGLISH_NAMES : names);
      const name = `${first} ${last}`;
      const local = `${asciiFold(first)}.${asciiFold(last)}`;
      const emails: string[] = [];
      // Small firms' people often mail from a personal mailbox.
      if (small && rng.chance(0.18)) {
        const personal = rng.chance(0.6) ? `${local}${rng.int(1, 99)}` : local;
        emails.push(uniqueAddress(personal, rng.pick(PUBLIC_MAILBOX_DOMAINS), used));
      } else {
        emails.push(uniqueAddress(local, m.domain, used));
      }
      if (rng.chance(0.15)) {
        const second = a.domains[1] && rng.chance(0.6)
          ? `${local}@${a.domains[1]}`
          : `${asciiFold(first).slice(0, 1)}${asciiFold(last)}@${m.domain}`;
        if (!used.has(second)) {
          used.add(second);
          emails.push(second);
        }
      }
      const phones: string[] = [];
      if (rng.chance(0.85)) phones.push(formatPhone(rng, m.country, false));
      if (rng.chance(0.2)) phones.push(formatPhone(rng, m.country, true));
      const titleLang: Lang = m.lang === 'fi' && rng.chance(0.75) ? 'fi' : 'en';
      const title = rng.chance(0.92) ? (k === 0 && small ? TITLES[titleLang][0]! : rng.pick(TITLES[titleLang])) : null;
      // The first contact came with the account (so every touch finds someone); most others too, some were
      // met during the year.
      const createdAt = k === 0
        ? a.createdAt
        : rng.chance(0.8)
          ? a.createdAt + rng.int(0, 30) * MIN_MS
          : workingTimeBetween(rng, a.createdAt, Math.max(a.createdAt + DAY_MS, ctx.now - 7 * DAY_MS));
      const updatedAt = createdAt + Math.floor(rng.next() * (ctx.now - createdAt) * 0.5);
      const contact: Contact = {
        id: uuidFrom(rng), tenantId: ctx.tenantId, accountId: a.id, name, emails, phones, title, ownerId: a.ownerId, createdAt, updatedAt,
      };
      contacts.push(contact);
      refs.push({ id: contact.id, name, address: emails[0]!, second: emails[1] ?? null, createdAt });
    }
    // Ordered by createdAt so "contacts known at time t" is a prefix; the earliest ones weigh most.
    refs.sort((x, y) => x.createdAt - y.createdAt);
    let cum = 0;
    m.contactCum = refs.map((_, rank) => (cum += 1 / Math.pow(rank + 1, 1.1)));
    m.contacts = refs;
    m.allContactsKnownAt = refs[refs.length - 1]!.createdAt;
  }
  return contacts;
}

// ---------------------------------------------------------------------------------------------------------
// Opportunities

const STAGE_WEIGHTS: Record<'customer' | 'prospect' | 'former', readonly number[]> = {
  // identified, contacted, offer, negotiation, won, lost
  customer: [10, 12, 16, 12, 30, 14],
  prospect: [30, 30, 20, 8, 0, 12],
  former: [0, 0, 0, 0, 50, 50],
};
const STAGES_ALL: readonly Stage[] = [...OPEN_STAGES, 'won', 'lost'];
const OPP_COUNT: Record<Tier, [number, number]> = { A: [2, 4], B: [1, 3], C: [0, 2], D: [0, 1] };

function buildOpportunities(ctx: Ctx, models: AccountModel[]): Opportunity[] {
  const rng = new Rng(ctx.seed, 'opportunities');
  const productByCode = new Map(PRODUCT_CATALOGUE.map((p) => [p.code, p]));
  const pickers = {
    customer: weightedPicker(STAGES_ALL, STAGE_WEIGHTS.customer),
    prospect: weightedPicker(STAGES_ALL, STAGE_WEIGHTS.prospect),
    former: weightedPicker(STAGES_ALL, STAGE_WEIGHTS.former),
  };
  // Every stage appears even in a small tenant: the first long-standing customers get one of each.
  const forced: Stage[] = ['won', 'lost', 'negotiation', 'offer', 'contacted', 'identified'];
  let forcedStalled = 2;
  const out: Opportunity[] = [];

  for (const m of models) {
    const a = m.account;
    const [lo, hi] = OPP_COUNT[a.tier];
    const n = a.lifecycle === 'former' ? rng.int(0, 2) : rng.int(lo, hi);
    const group = a.lifecycle === 'former' ? 'former' : a.lifecycle === 'prospect' ? 'prospect' : 'customer';
    const longStanding = a.createdAt <= ctx.historyStart;
    for (let k = 0; k < n; k++) {
      let stage: Stage = group === 'customer' && longStanding && k === 0 && forced.length ? forced.shift()! : pickers[group](rng);
      const closed = stage === 'won' || stage === 'lost';
      const closeLo = Math.max(ctx.historyStart, a.createdAt + 20 * DAY_MS);
      const closeHi = ctx.now - 2 * DAY_MS;
      if (closed && closeLo >= closeHi) stage = 'offer'; // too new to have closed anything yet

      const template = rng.pick(DEAL_TEMPLATES);
      const year = new Date(ctx.now).getUTCFullYear() + (rng.chance(0.5) ? 1 : 0);
      const name = (m.lang === 'fi' ? template.fi : template.en).replace('{year}', String(year)).replace('{n}', String(rng.int(1, 6)));
      const lines: OpportunityLine[] = template.products.map((code, i) => {
        const p = productByCode.get(code)!;
        // Discounts of up to 15%, rounded to whole euros, as a seller would quote them.
        const unitPrice = Math.round((p.unitPrice * (1 - (i === 0 ? rng.float(0, 0.15) : rng.float(0, 0.08)))) / 100) * 100;
        return { product: p.name, quantity: rng.int(p.quantity[0], p.quantity[1]), unitPrice };
      });
      const value = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);

      let createdAt: number;
      let stageChangedAt: number;
      let expectedCloseAt: number;
      let until: number;
      if (stage === 'won' || stage === 'lost') {
        const closeAt = workingTimeBetween(rng, closeLo, closeHi);
        createdAt = Math.max(a.createdAt + MIN_MS, closeAt - rng.int(20, 200) * DAY_MS);
        stageChangedAt = closeAt;
        expectedCloseAt = closeAt;
        until = closeAt;
      } else {
        const createdLo = Math.max(a.createdAt + MIN_MS, ctx.now - 300 * DAY_MS);
        const createdHi = Math.max(createdLo + MIN_MS, ctx.now - 3 * DAY_MS);
        // A few open deals are stalled (and the first two of long-standing accounts always are, for the demo).
        let stalled = rng.chance(0.12);
        if (!stalled && forcedStalled > 0 && longStanding) {
          stalled = true;
          forcedStalled--;
        }
        if (stalled) {
          // No stage change and no linked activity for 30+ days.
          createdAt = workingTimeBetween(rng, Math.min(createdLo, ctx.now - 200 * DAY_MS), ctx.now - 40 * DAY_MS);
          createdAt = Math.max(createdAt, a.createdAt + MIN_MS);
          stageChangedAt = Math.min(ctx.now - 35 * DAY_MS, createdAt + Math.floor(rng.next() * Math.max(0, ctx.now - 35 * DAY_MS - createdAt)));
          stageChangedAt = Math.max(stageChangedAt, createdAt);
          until = ctx.now - rng.int(31, 60) * DAY_MS;
          expectedCloseAt = rng.chance(0.4) ? ctx.now - rng.int(1, 40) * DAY_MS : ctx.now + rng.int(10, 120) * DAY_MS;
        } else {
          createdAt = workingTimeBetween(rng, createdLo, createdHi);
          // Live deals move: their last stage change is recent.
          stageChangedAt = workingTimeBetween(rng, Math.max(createdAt, ctx.now - 40 * DAY_MS), ctx.now);
          stageChangedAt = Math.max(stageChangedAt, createdAt);
          until = ctx.now;
          expectedCloseAt = ctx.now + rng.int(10, 180) * DAY_MS;
        }
      }
      const owner = rng.chance(0.85) || m.colleagues.length === 0 ? m.owner : rng.pick(m.colleagues);
      const opp: Opportunity = {
        id: uuidFrom(rng), tenantId: ctx.tenantId, accountId: a.id, name, stage, value, currency: 'EUR', lines,
        expectedCloseDate: helsinkiDate(expectedCloseAt), probability: DEFAULT_TENANT_SETTINGS.stageProbability[stage],
        ownerId: owner.id, stageChangedAt, createdAt, updatedAt: stageChangedAt,
      };
      out.push(opp);
      m.opps.push({ id: opp.id, name, from: createdAt, until });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Feedback

function buildFeedback(ctx: Ctx, models: AccountModel[]): Feedback[] {
  const rng = new Rng(ctx.seed, 'feedback');
  const base: Record<Tier, number> = { A: 8.3, B: 7.8, C: 7.2, D: 6.5 };
  const out: Feedback[] = [];
  for (const m of models) {
    const a = m.account;
    const surveyed = a.lifecycle === 'customer' || a.lifecycle === 'key_account' || (a.lifecycle === 'former' && rng.chance(0.3));
    if (!surveyed) continue;
    const from = Math.max(ctx.historyStart, a.createdAt + DAY_MS);
    const to = ctx.now - DAY_MS;
    if (from >= to) continue;
    // Quiet relationships score lower: that is what makes them worth a look.
    const mood = m.status === 'cold' || m.status === 'overdue' || a.lifecycle === 'former' ? -1.5 : 0;
    const give = (kind: 'nps' | 'csat', givenAt: number) => {
      const score = kind === 'nps'
        ? clamp(Math.round(rng.normal(base[a.tier] + mood, 1.6)), 0, 10)
        : clamp(Math.round(rng.normal(4.1 + mood / 3, 0.8)), 1, 5);
      const band = kind === 'nps' ? (score >= 9 ? 'high' : score >= 7 ? 'mid' : 'low') : score >= 4 ? 'high' : score === 3 ? 'mid' : 'low';
      const known = m.contacts.filter((c) => c.createdAt <= givenAt);
      out.push({
        id: uuidFrom(rng), tenantId: ctx.tenantId, accountId: a.id,
        contactId: known.length && rng.chance(0.9) ? rng.pick(known).id : null,
        kind, score, comment: rng.chance(0.55) ? rng.pick(FEEDBACK_COMMENTS[m.lang][band]) : null, givenAt,
      });
    };
    if (rng.chance(0.6)) {
      // The NPS survey goes out once or twice a year.
      const first = workingTimeBetween(rng, from, to);
      give('nps', first);
      if (rng.chance(0.4) && first + 150 * DAY_MS < to) give('nps', workingTimeBetween(rng, first + 150 * DAY_MS, to));
    }
    if (rng.chance(0.5)) {
      // CSAT follows support cases and deliveries.
      const times = Array.from({ length: rng.int(1, 3) }, () => workingTimeBetween(rng, from, to)).sort((x, y) => x - y);
      for (const t of times) give('csat', t);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Touch planning: times and shapes only, drawn from each account's own stream

interface TouchPlan {
  kind: InteractionKind;
  /** When each interaction of the touch happens (one per email of a thread; one for the other kinds). */
  times: number[];
  /** Direction per interaction (emails, calls, chats). */
  directions: Direction[];
  /** Whether the thread copies a contact at the partner account. */
  withPartner: boolean;
}

// Shared, never mutated: single-interaction touches need no arrays of their own.
const NO_DIRECTIONS: Direction[] = [];
const OUTBOUND: Direction[] = ['outbound'];
const INBOUND: Direction[] = ['inbound'];

const THREAD_LENGTH = weightedPicker([1, 2, 3, 4, 5, 6], [35, 30, 18, 10, 5, 2]);
const HALF_HOUR_MS = 30 * MIN_MS;

/**
 * Summer holidays (July) and the Christmas week are quiet in Finland: half the touches then do not happen.
 * Returns the quiet local-day ranges of every year the history touches, so the hot loop only compares numbers.
 */
function quietSeasons(from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (let y = new Date(from).getUTCFullYear(); y <= new Date(to).getUTCFullYear(); y++) {
    out.push([Date.UTC(y, 6, 1) / DAY_MS, Date.UTC(y, 7, 1) / DAY_MS]);
    out.push([Date.UTC(y, 11, 22) / DAY_MS, Date.UTC(y + 1, 0, 2) / DAY_MS]);
  }
  return out;
}

function inRanges(day: number, ranges: [number, number][]): boolean {
  for (const [lo, hi] of ranges) if (day >= lo && day < hi) return true;
  return false;
}

class TouchCursor {
  private readonly rng: Rng;
  private readonly meanGapMs: number;
  private nextAt: number;
  private finalPending: boolean;
  private readonly quiet: [number, number][];

  constructor(
    ctx: Ctx,
    readonly model: AccountModel,
    activity: number,
  ) {
    this.rng = new Rng(ctx.seed, 'touches', model.index);
    this.quiet = ctx.quiet;
    this.meanGapMs = (model.meanGapDays / activity) * DAY_MS;
    this.finalPending = model.status === 'awaiting';
    // A random phase, so accounts do not all start on the first day of the history.
    this.nextAt = this.place(model.historyFrom + this.rng.next() * this.meanGapMs, model.historyFrom - 1);
  }

  /** The start of the next touch (Infinity when the account has none left). */
  peek(): number {
    if (this.nextAt < this.model.activeUntil) return this.nextAt;
    return this.finalPending ? this.model.activeUntil : Infinity;
  }

  /** The next touch, or null. Touch starts never decrease (the daily merge relies on it). */
  take(): TouchPlan | null {
    const m = this.model;
    while (this.nextAt < m.activeUntil) {
      const t = this.nextAt;
      // Gaps are log-normal around the account's mean: mostly regular, sometimes a burst or a lull.
      const gap = (this.meanGapMs * Math.exp(this.rng.normal(0, 0.5))) / 1.13;
      this.nextAt = this.place(t + Math.max(gap, 20 * MIN_MS), t);
      if (inRanges(helsinkiDay(t), this.quiet) && this.rng.chance(0.5)) continue;
      return this.plan(t);
    }
    if (this.finalPending) {
      // The awaiting account's last word: the customer wrote, nobody has answered.
      this.finalPending = false;
      return { kind: 'email', times: [m.activeUntil], directions: INBOUND, withPartner: false };
    }
    return null;
  }

  /** Moves a raw time into working hours on its day, never at or before `after`. */
  private place(raw: number, after: number): number {
    // Weekends roll to Monday, except for the odd weekend email.
    const rawDay = helsinkiDay(raw);
    const day = this.rng.chance(0.04) ? rawDay : nextWeekday(rawDay);
    // A few emails and notes are written in the evening; everything else is 08:00-17:00 Helsinki time.
    const minute = this.rng.chance(0.03)
      ? WORK_END_MIN + this.rng.int(0, 240)
      : WORK_START_MIN + this.rng.int(0, WORK_END_MIN - WORK_START_MIN - 20);
    let t = helsinkiToUtc(day, minute) + this.rng.int(0, 59) * 1000;
    if (t <= after) t = nextWorkingTime(after + this.rng.int(10, 120) * MIN_MS, this.rng.int(0, 60));
    return t;
  }

  private plan(t: number): TouchPlan {
    const m = this.model;
    const rng = this.rng;
    const limit = m.activeUntil;
    const kind = m.pickKind(rng);
    if (kind === 'email') {
      let n = THREAD_LENGTH(rng);
      let dir: Direction = rng.chance(0.6) ? 'outbound' : 'inbound';
      // Recent customer emails are sometimes still waiting for an answer.
      const leftOpen = dir === 'inbound' && t > limit - 21 * DAY_MS && rng.chance(0.25);
      if (leftOpen) n = 1;
      // Otherwise a rep usually has the last word ("thanks, noted"), so open questions stay the exception.
      const closeWithReply = !leftOpen && rng.chance(0.6);
      const times = [t];
      const directions: Direction[] = [dir];
      let cur = t;
      for (let i = 1; ; i++) {
        let nextDir: Direction;
        if (i < n) nextDir = rng.chance(0.85) ? (dir === 'outbound' ? 'inbound' : 'outbound') : dir;
        else if (i === n && closeWithReply && dir === 'inbound') nextDir = 'outbound';
        else break;
        // We answer within hours; customers take longer. Replies outside working hours wait for the morning.
        const medianMin = nextDir === 'outbound' ? 90 : 300;
        const delay = Math.round(clamp(medianMin * Math.exp(rng.normal(0, 1)), 5, 4 * 24 * 60) * 60) * 1000; // whole seconds
        cur = nextWorkingTime(cur + delay, rng.int(0, 90));
        if (cur >= limit) break;
        times.push(cur);
        directions.push(nextDir);
        dir = nextDir;
      }
      const withPartner = m.partner !== null && rng.chance(0.06);
      return { kind, times, directions, withPartner };
    }
    if (kind === 'meeting') {
      // Meetings start on the hour or half hour.
      const rounded = Math.ceil(t / HALF_HOUR_MS) * HALF_HOUR_MS;
      return { kind, times: [rounded < limit ? rounded : t], directions: NO_DIRECTIONS, withPartner: false };
    }
    if (kind === 'call' || kind === 'chat') {
      return { kind, times: [t], directions: rng.chance(kind === 'call' ? 0.7 : 0.55) ? OUTBOUND : INBOUND, withPartner: false };
    }
    return { kind, times: [t], directions: NO_DIRECTIONS, withPartner: false };
  }
}

interface InteractionPlan {
  activity: number;
  count: number;
  lastContact: Float64Array;
}

/** Counts one account's interactions for a rate multiplier; with `lastContact`, also records its (and its partner's) last contact. */
function countAccount(ctx: Ctx, m: AccountModel, activity: number, lastContact?: Float64Array): number {
  let count = 0;
  const cursor = new TouchCursor(ctx, m, activity);
  for (let p = cursor.take(); p; p = cursor.take()) {
    count += p.times.length;
    if (!lastContact || p.kind === 'note') continue;
    const last = p.times[p.times.length - 1]!;
    if (last > lastContact[m.index]!) lastContact[m.index] = last;
    if (p.withPartner && last > lastContact[m.partner!.index]!) lastContact[m.partner!.index] = last;
  }
  return count;
}

/**
 * Interaction counts grow a little slower than the rate (thread lengths and fixed events do not scale), so
 * corrections are slightly amplified: measured elasticity is about 0.9.
 */
const RATE_ELASTICITY = 0.9;

function planInteractions(ctx: Ctx, models: AccountModel[], target: number | undefined): InteractionPlan {
  let activity = 1;
  const calibrate = target !== undefined && target > 0;
  if (calibrate && models.length > 4000) {
    // Rough calibration on a sample stratified by tier: A accounts carry most of the volume, so an unstratified
    // sample's share of them alone would swing the estimate by several percent.
    const byTier = TIERS.map((t) => models.filter((m) => m.account.tier === t));
    for (let round = 0; round < 2; round++) {
      let estimate = 0;
      for (const group of byTier) {
        if (!group.length) continue;
        const stride = Math.max(1, Math.floor(group.length / 1200));
        let sum = 0;
        let sampled = 0;
        for (let i = 0; i < group.length; i += stride, sampled++) sum += countAccount(ctx, group[i]!, activity);
        estimate += (sum * group.length) / sampled;
      }
      if (estimate <= 0) break;
      activity *= Math.pow(target! / estimate, 1 / RATE_ELASTICITY);
    }
  }
  // Then exact counts over all accounts, refined until within 0.5% of the target (usually at once).
  for (let round = 0; ; round++) {
    const lastContact = new Float64Array(models.length);
    let count = 0;
    for (const m of models) count += countAccount(ctx, m, activity, lastContact);
    if (!calibrate || count === 0 || Math.abs(count - target!) <= target! * 0.005 || round >= 4) return { activity, count, lastContact };
    activity *= Math.pow(target! / count, 1 / RATE_ELASTICITY);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Materialising interactions

const SUBJECTS_SPLIT = splitByDeal(EMAIL_SUBJECTS);
const MEETING_SPLIT = splitTemplates(MEETING_SUBJECTS);
const PICK_TOPIC = weightedPicker(TOPICS, TOPIC_WEIGHTS);
const DEAL_TOPIC = weightedPicker<Topic>(['offer', 'contract', 'meeting', 'delivery'], [50, 20, 20, 10]);
const PICK_DURATION = weightedPicker([30, 45, 60, 90], [30, 20, 35, 15]);
const PRODUCT_SHORT = ['SCADA', 'MES', 'Line Analytics', 'PLC', 'condition monitoring', 'Care support'];

function splitTemplates(byLang: Record<Lang, readonly string[]>): Record<Lang, { plain: string[]; deal: string[] }> {
  return {
    fi: { plain: byLang.fi.filter((s) => !s.includes('{deal}')), deal: byLang.fi.filter((s) => s.includes('{deal}')) },
    en: { plain: byLang.en.filter((s) => !s.includes('{deal}')), deal: byLang.en.filter((s) => s.includes('{deal}')) },
  };
}

function splitByDeal(subjects: Record<Lang, Record<Topic, readonly string[]>>): Record<Lang, Record<Topic, { plain: string[]; deal: string[] }>> {
  const out = { fi: {}, en: {} } as Record<Lang, Record<Topic, { plain: string[]; deal: string[] }>>;
  for (const topic of TOPICS) {
    const split = splitTemplates({ fi: subjects.fi[topic], en: subjects.en[topic] });
    out.fi[topic] = split.fi;
    out.en[topic] = split.en;
  }
  return out;
}

function userParticipant(role: ParticipantRole, u: Person): Participant {
  return { role, address: u.address, displayName: u.name, userId: u.id, contactId: null };
}

function contactParticipant(role: ParticipantRole, c: ContactRef, address: string): Participant {
  return { role, address, displayName: c.name, userId: null, contactId: c.id };
}

function domainOf(address: string): string {
  return address.slice(address.indexOf('@') + 1);
}

/** What an email thread keeps from its first message to its last: the people, the topic, the subject. */
interface ThreadState {
  handler: Person;
  colleague: Person | null;
  c1: ContactRef;
  c1Address: string;
  c1Domain: string;
  c2: ContactRef | null;
  c2Address: string;
  c2Domain: string;
  c2Role: ParticipantRole;
  inboundFromSecond: boolean;
  partner: ContactRef | null;
  roleMailbox: string | null;
  opp: OppRef | null;
  topic: Topic;
  subject: string;
  privateThread: boolean;
  accountIds: string[];
  internal: Person[];
}

/** One planned touch; a thread's state is decided when its first email is materialised. */
interface Touch {
  model: AccountModel;
  plan: TouchPlan;
  thread: ThreadState | null;
}

/** An interaction waiting in the merge buffer: cheap to hold, materialised only when it is yielded. */
interface Pending {
  at: number;
  touch: Touch;
  index: number;
}

/**
 * Turns planned touches into interactions, drawing every content choice (people, subjects, ids) from one
 * content stream in yield order. Interactions are built just before they are yielded, so a consumer that
 * does not keep them lets them die young (the benchmark's garbage stays in the young generation).
 */
class Emitter {
  private readonly rng: Rng;
  private seq = 0;

  constructor(private readonly ctx: Ctx) {
    this.rng = new Rng(ctx.seed, 'content');
  }

  materialize(p: Pending): Interaction {
    const { touch, index } = p;
    switch (touch.plan.kind) {
      case 'email':
        return this.email(touch, index);
      case 'meeting':
        return this.meeting(touch.model, p.at);
      case 'call':
        return this.call(touch.model, p.at, touch.plan.directions[0]!);
      case 'note':
        return this.note(touch.model, p.at);
      case 'chat':
        return this.chat(touch.model, p.at, touch.plan.directions[0]!);
    }
  }

  /** Unique by construction (a running sequence), random-looking like real message and calendar ids. */
  private token(): string {
    return `${hexFrom(this.rng, 2)}.${(this.seq++).toString(36)}`;
  }

  /** The rep handling this touch: usually the owner, sometimes a teammate. */
  private handler(m: AccountModel): Person {
    return m.colleagues.length && this.rng.chance(0.15) ? this.rng.pick(m.colleagues) : m.owner;
  }

  /** Someone from our side copied in or joining: a teammate or, for key customers, the team's manager. */
  private second(m: AccountModel, handler: Person, chance: number): Person | null {
    if (!this.rng.chance(chance)) return null;
    const managerFirst = (m.account.tier === 'A' || m.account.tier === 'B') && m.managers.length > 0 && this.rng.chance(0.35);
    const pool = managerFirst ? m.managers : m.colleagues.length ? m.colleagues : m.managers;
    if (!pool.length) return null;
    const p = this.rng.pick(pool);
    return p.id === handler.id ? null : p;
  }

  /** A contact known at time t, weighted toward the account's main contacts; `not` excludes one (then maybe null). */
  private contactAt(m: AccountModel, t: number, not: ContactRef | null): ContactRef | null {
    const contacts = m.contacts;
    const cum = m.contactCum;
    let k = contacts.length;
    if (t < m.allContactsKnownAt) {
      k = 0;
      while (k < contacts.length && contacts[k]!.createdAt <= t) k++;
      // The first contact was created with the account, before any touch: there is always one.
      if (k === 0) k = 1;
    }
    for (let attempt = 0; attempt < 4; attempt++) {
      const r = this.rng.next() * cum[k - 1]!;
      let lo = 0;
      let hi = k - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (r < cum[mid]!) hi = mid;
        else lo = mid + 1;
      }
      const c = contacts[lo]!;
      if (c !== not) return c;
    }
    return not ? null : contacts[0]!;
  }

  private mainContact(m: AccountModel, t: number): ContactRef {
    return this.contactAt(m, t, null) ?? m.contacts[0]!;
  }

  private contactAddress(c: ContactRef): string {
    return c.second && this.rng.chance(0.15) ? c.second : c.address;
  }

  /** An open opportunity of the account at time t that this touch is about, sometimes. */
  private opportunity(m: AccountModel, t: number, chance: number): OppRef | null {
    if (!m.opps.length || !this.rng.chance(chance)) return null;
    const open: OppRef[] = [];
    for (const o of m.opps) if (o.from <= t && t <= o.until) open.push(o);
    return open.length ? this.rng.pick(open) : null;
  }

  /** Fills {placeholders}; a plain scan rather than a regex callback, since this runs a million times. */
  private fill(template: string, m: AccountModel, t: number, opp: OppRef | null): string {
    let open = template.indexOf('{');
    if (open < 0) return template;
    const r = this.rng;
    let out = '';
    let from = 0;
    while (open >= 0) {
      const close = template.indexOf('}', open);
      out += template.slice(from, open);
      const key = template.slice(open + 1, close);
      switch (key) {
        case 'product': out += r.pick(PRODUCT_SHORT); break;
        case 'order': out += `PO-${r.int(10_000, 99_999)}`; break;
        case 'invoice': out += String(r.int(100_000, 999_999)); break;
        case 'line': out += `L${r.int(1, 6)}`; break;
        case 'week': out += String(Math.floor((helsinkiDay(t) - helsinkiDay(Date.UTC(new Date(t).getUTCFullYear(), 0, 1))) / 7) + 1); break;
        case 'date': {
          const iso = helsinkiDate(t + r.int(0, 10) * DAY_MS);
          out += m.lang === 'fi' ? `${Number(iso.slice(8))}.${Number(iso.slice(5, 7))}.${iso.slice(0, 4)}` : iso;
          break;
        }
        case 'deal': out += opp?.name ?? ''; break;
        case 'company': out += m.account.name; break;
        case 'city': out += m.city; break;
        default: break;
      }
      from = close + 1;
      open = template.indexOf('{', from);
    }
    return out + template.slice(from);
  }

  private base(
    kind: InteractionKind, t: number, accountIds: string[], source: InteractionSource, visibility: Visibility,
    participants: Participant[], holders: Interaction['holders'], opp: OppRef | null,
  ): Interaction {
    let created = Infinity;
    let updated = 0;
    for (const h of holders) {
      if (h.at < created) created = h.at;
      if (h.at > updated) updated = h.at;
    }
    return {
      id: uuidFrom(this.rng), tenantId: this.ctx.tenantId, kind, direction: null, occurredAt: t, subject: null, snippet: null, note: null,
      durationMinutes: null, participants, accountIds, opportunityId: opp && t <= opp.until ? opp.id : null, source, visibility, holders,
      externalKey: null, createdAt: created, updatedAt: updated,
    };
  }

  /** Holders: who has it in their mailbox or calendar ('holds'), plus who logged it by hand ('logged'). */
  private holders(internal: Person[], t: number, source: InteractionSource, logger: Person): Interaction['holders'] {
    const now = this.ctx.now;
    const r = this.rng;
    if (source === 'manual') return [{ userId: logger.id, relation: 'logged', at: Math.min(now, t + r.int(2, 90) * MIN_MS) }];
    const out: Interaction['holders'] = [];
    for (const p of internal) out.push({ userId: p.id, relation: 'holds', at: Math.min(now, t + r.int(1, 15) * MIN_MS) });
    if (source === 'addin') out.push({ userId: logger.id, relation: 'logged', at: Math.min(now, t + r.int(2, 240) * MIN_MS) });
    return out;
  }

  private startThread(m: AccountModel, plan: TouchPlan, t0: number): ThreadState {
    const r = this.rng;
    const handler = this.handler(m);
    const colleague = this.second(m, handler, 0.15);
    const c1 = this.mainContact(m, t0);
    const c2 = r.chance(0.25) ? this.contactAt(m, t0, c1) : null;
    const c1Address = this.contactAddress(c1);
    const c2Address = c2 ? this.contactAddress(c2) : '';
    const partner = plan.withPartner && m.partner ? m.partner.contacts[0]! : null;
    const opp = this.opportunity(m, t0, 0.45);
    const topic = opp ? DEAL_TOPIC(r) : PICK_TOPIC(r);
    const subjects = SUBJECTS_SPLIT[m.lang][topic];
    return {
      handler,
      colleague,
      c1,
      c1Address,
      c1Domain: domainOf(c1Address),
      c2,
      c2Address,
      c2Domain: c2 ? domainOf(c2Address) : '',
      c2Role: r.chance(0.5) ? 'to' : 'cc',
      // Inbound mail sometimes comes from the second contact on the thread.
      inboundFromSecond: c2 !== null && r.chance(0.3),
      partner,
      roleMailbox: r.chance(0.03) ? `${r.pick(ROLE_MAILBOXES[m.lang])}@${m.domain}` : null,
      opp,
      topic,
      subject: this.fill(opp && subjects.deal.length && r.chance(0.5) ? r.pick(subjects.deal) : r.pick(subjects.plain), m, t0, opp),
      privateThread: r.chance(0.015),
      accountIds: partner ? [m.account.id, m.partner!.account.id] : [m.account.id],
      internal: colleague ? [handler, colleague] : [handler],
    };
  }

  private email(touch: Touch, i: number): Interaction {
    const m = touch.model;
    const plan = touch.plan;
    const t = plan.times[i]!;
    // Messages of a thread are yielded in order, so the first one always sets the thread up.
    const s = (touch.thread ??= this.startThread(m, plan, plan.times[0]!));
    const r = this.rng;
    const dir = plan.directions[i]!;
    const participants: Participant[] = [];
    let senderDomain: string;
    if (dir === 'outbound') {
      participants.push(userParticipant('from', s.handler), contactParticipant('to', s.c1, s.c1Address));
      if (s.c2) participants.push(contactParticipant(s.c2Role, s.c2, s.c2Address));
      if (s.colleague) participants.push(userParticipant('cc', s.colleague));
      senderDomain = this.ctx.internalDomain;
    } else {
      const second = s.inboundFromSecond && s.c2 !== null;
      const sender = second ? s.c2! : s.c1;
      const senderAddress = second ? s.c2Address : s.c1Address;
      participants.push(contactParticipant('from', sender, senderAddress), userParticipant('to', s.handler));
      if (second) participants.push(contactParticipant('cc', s.c1, s.c1Address));
      else if (s.c2) participants.push(contactParticipant('cc', s.c2, s.c2Address));
      if (s.colleague) participants.push(userParticipant('cc', s.colleague));
      senderDomain = second ? s.c2Domain : s.c1Domain;
    }
    if (s.partner) participants.push(contactParticipant('cc', s.partner, s.partner.address));
    if (s.roleMailbox) participants.push({ role: 'cc', address: s.roleMailbox, displayName: null, userId: null, contactId: null });

    // Most mail arrives by mailbox sync; some was logged from Outlook with the add-in.
    const source: InteractionSource = r.chance(0.12) ? 'addin' : 'sync';
    const visibility: Visibility = source === 'addin' ? 'shared' : s.privateThread ? 'private' : 'metadata';
    const interaction = this.base('email', t, s.accountIds, source, visibility, participants, this.holders(s.internal, t, source, s.handler), s.opp);
    interaction.direction = dir;
    interaction.subject = i === 0 ? s.subject : REPLY_PREFIX[m.lang] + s.subject;
    interaction.snippet = r.pick(EMAIL_SNIPPETS[m.lang][s.topic][dir]);
    interaction.externalKey = `msgid:${this.token()}@${senderDomain}`;
    return interaction;
  }

  private meeting(m: AccountModel, t: number): Interaction {
    const r = this.rng;
    const handler = this.handler(m);
    const colleague = this.second(m, handler, 0.3);
    const first = this.mainContact(m, t);
    const attendees: ContactRef[] = [first];
    const extra = r.int(0, 2);
    for (let i = 0; i < extra; i++) {
      const c = this.contactAt(m, t, first);
      if (c && !attendees.includes(c)) attendees.push(c);
    }
    const opp = this.opportunity(m, t, 0.5);
    const subjects = MEETING_SPLIT[m.lang];
    const subject = this.fill(opp && r.chance(0.5) ? r.pick(subjects.deal) : r.pick(subjects.plain), m, t, opp);
    // Customers abroad are mostly met on Teams; domestic ones often on site.
    const online = r.chance(m.country.code === 'FI' ? 0.6 : 0.85);
    const participants: Participant[] = [];
    if (r.chance(0.25)) {
      // The customer sent the invitation.
      participants.push(contactParticipant('organizer', first, first.address), userParticipant('attendee', handler));
      for (let i = 1; i < attendees.length; i++) participants.push(contactParticipant('attendee', attendees[i]!, attendees[i]!.address));
    } else {
      participants.push(userParticipant('organizer', handler));
      for (const c of attendees) participants.push(contactParticipant('attendee', c, c.address));
    }
    if (colleague) participants.push(userParticipant('attendee', colleague));
    const internal = colleague ? [handler, colleague] : [handler];
    const source: InteractionSource = r.chance(0.15) ? 'addin' : 'sync';
    const visibility: Visibility = source === 'addin' ? 'shared' : r.chance(0.01) ? 'private' : 'metadata';
    const interaction = this.base('meeting', t, [m.account.id], source, visibility, participants, this.holders(internal, t, source, handler), opp);
    interaction.subject = subject;
    interaction.snippet = online ? TEAMS_MEETING_SNIPPET[m.lang] : this.fill(ONSITE_MEETING_SNIPPET[m.lang], m, t, opp);
    interaction.durationMinutes = PICK_DURATION(r);
    interaction.externalKey = `ical:${this.token()}`;
    return interaction;
  }

  private call(m: AccountModel, t: number, dir: Direction): Interaction {
    const r = this.rng;
    const handler = this.handler(m);
    const c = this.mainContact(m, t);
    const me = userParticipant(dir === 'outbound' ? 'from' : 'to', handler);
    const them = contactParticipant(dir === 'outbound' ? 'to' : 'from', c, c.address);
    const opp = this.opportunity(m, t, 0.4);
    const duration = clamp(Math.round(5 + Math.abs(r.normal(0, 9))), 5, 30);
    // Calls are logged by hand after hanging up: no external key, visible to the whole team.
    const holders = this.holders([handler], t + duration * MIN_MS, 'manual', handler);
    const interaction = this.base('call', t, [m.account.id], 'manual', 'shared', dir === 'outbound' ? [me, them] : [them, me], holders, opp);
    interaction.direction = dir;
    interaction.durationMinutes = duration;
    interaction.subject = r.chance(0.6) ? r.pick(CALL_SUBJECTS[m.lang]) : null;
    interaction.note = r.chance(0.6) ? r.pick(CALL_NOTES[m.lang]) : null;
    return interaction;
  }

  private note(m: AccountModel, t: number): Interaction {
    const r = this.rng;
    const handler = this.handler(m);
    const opp = this.opportunity(m, t, 0.5);
    const interaction = this.base('note', t, [m.account.id], 'manual', 'shared', [userParticipant('from', handler)], this.holders([handler], t, 'manual', handler), opp);
    interaction.note = r.pick(NOTE_TEXTS[m.lang]);
    return interaction;
  }

  private chat(m: AccountModel, t: number, dir: Direction): Interaction {
    const r = this.rng;
    const handler = this.handler(m);
    const c = this.mainContact(m, t);
    const me = userParticipant(dir === 'outbound' ? 'from' : 'to', handler);
    const them = contactParticipant(dir === 'outbound' ? 'to' : 'from', c, c.address);
    const opp = this.opportunity(m, t, 0.2);
    // A Teams chat with a federated customer: captured like mail, as metadata for colleagues.
    const interaction = this.base('chat', t, [m.account.id], 'teams', 'metadata', dir === 'outbound' ? [me, them] : [them, me], this.holders([handler], t, 'teams', handler), opp);
    interaction.direction = dir;
    interaction.snippet = r.pick(CHAT_TEXTS[m.lang][dir]);
    interaction.externalKey = `chat:${this.token()}`;
    return interaction;
  }
}

function byTime(a: Pending, b: Pending): number {
  return a.at - b.at;
}

const SORT_INDEX_BITS = 2 ** 18;
let sortKeys = new Float64Array(4096);
let sortScratch: Pending[] = [];

/**
 * Sorts the buffer by time, ties in insertion order (so the output stays deterministic). Packs (time since
 * `origin`, position) into one exactly representable double and sorts a Float64Array natively, which is
 * several times faster than a comparator over a million entries; falls back to the (stable) comparator sort
 * when the packing would not be exact. Every entry is at or after the window start, and at most days later.
 */
function sortByTime(buffer: Pending[], origin: number): void {
  const n = buffer.length;
  if (n < 2) return;
  let exact = n < SORT_INDEX_BITS;
  for (let i = 0; exact && i < n; i++) {
    const d = buffer[i]!.at - origin;
    exact = d >= 0 && d < 2 ** 34 && Number.isInteger(d);
  }
  if (!exact) {
    buffer.sort(byTime);
    return;
  }
  if (sortKeys.length < n) sortKeys = new Float64Array(n * 2);
  const keys = sortKeys.subarray(0, n);
  for (let i = 0; i < n; i++) keys[i] = (buffer[i]!.at - origin) * SORT_INDEX_BITS + i;
  keys.sort();
  const scratch = sortScratch;
  scratch.length = n;
  for (let i = 0; i < n; i++) scratch[i] = buffer[keys[i]! % SORT_INDEX_BITS]!;
  for (let i = 0; i < n; i++) buffer[i] = scratch[i]!;
  scratch.length = 0;
}

/**
 * The chronological merge: week by week, every account's touches that start in the week are planned into a
 * buffer of lightweight entries, which is sorted; entries inside the week are materialised and yielded, later
 * replies wait for their week. Touch starts never decrease per account, so nothing planned later can belong to a
 * week already yielded.
 */
function* emitInteractions(ctx: Ctx, models: AccountModel[], activity: number): Generator<Interaction> {
  const emitter = new Emitter(ctx);
  const windows = Math.max(1, Math.ceil((ctx.now - ctx.historyStart) / WINDOW_MS));
  // Cursors wait in the bucket of the window their next touch starts in, so a window only visits the accounts
  // that have something in it (not all 20,000 accounts every day).
  const buckets: TouchCursor[][] = Array.from({ length: windows }, () => []);
  const windowOf = (t: number) => Math.min(windows - 1, Math.max(0, Math.floor((t - ctx.historyStart) / WINDOW_MS)));
  for (const m of models) {
    const cursor = new TouchCursor(ctx, m, activity);
    const next = cursor.peek();
    if (next !== Infinity) buckets[windowOf(next)]!.push(cursor);
  }
  let buffer: Pending[] = [];
  for (let w = 0; w < windows; w++) {
    const windowStart = ctx.historyStart + w * WINDOW_MS;
    const windowEnd = w === windows - 1 ? Infinity : windowStart + WINDOW_MS;
    const due = buckets[w]!;
    buckets[w] = [];
    for (const cursor of due) {
      while (cursor.peek() < windowEnd) {
        const plan = cursor.take();
        if (!plan) break;
        const touch: Touch = { model: cursor.model, plan, thread: null };
        for (let i = 0; i < plan.times.length; i++) buffer.push({ at: plan.times[i]!, touch, index: i });
      }
      const next = cursor.peek();
      if (next !== Infinity) buckets[windowOf(next)]!.push(cursor);
    }
    sortByTime(buffer, windowStart);
    let i = 0;
    while (i < buffer.length && buffer[i]!.at < windowEnd) yield emitter.materialize(buffer[i++]!);
    buffer = i === buffer.length ? [] : buffer.slice(i);
  }
  // The last window is open-ended, so nothing is left here; kept for safety.
  buffer.sort(byTime);
  for (const p of buffer) yield emitter.materialize(p);
}
