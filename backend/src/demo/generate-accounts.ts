// The customer accounts: tier, size, lifecycle, country and owner, and each account's rhythm of contact.
import type { Account, CompanySize, InteractionKind, Lifecycle, Tier } from '../domain/types.ts';
import type { Country, Lang } from './vocabulary.ts';
import type { TenantScale, Ctx, Person, People, AccountModel } from './generate-model.ts';
import * as domainTypes from '../domain/types.ts';
import * as prng from './prng.ts';
import * as helsinkiTime from './helsinki-time.ts';
import * as vocabulary from './vocabulary.ts';
import * as model from './generate-model.ts';

// Imported values are copied into module constants once (see generate-tenant.ts).
const { DAY_MS, DEFAULT_TENANT_SETTINGS, TIERS } = domainTypes;
const { Rng, uuidFrom, weightedPicker } = prng;
type Rng = prng.Rng;
const { helsinkiDay, helsinkiToUtc, previousWeekday, WORK_END_MIN, WORK_START_MIN } = helsinkiTime;
const { asciiFold, COUNTRIES, COUNTRY_WEIGHTS, FINNISH_STEMS, FOREIGN_STEMS, INDUSTRIES, INDUSTRY_WEIGHTS, NAME_MODIFIERS, PUBLIC_MAILBOX_DOMAINS, REGION_CITY } = vocabulary;
const { MIN_MS, workingTimeBetween, apportion } = model;

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
export const SIZE_CONTACT_FACTOR: Record<CompanySize, number> = { micro: 0.45, small: 0.7, medium: 1, large: 1.3, enterprise: 1.6 };

function preferredTeams(tier: Tier, country: Country, teams: string[]): string[] {
  const wanted = country.code !== 'FI' && teams.includes('Nordics & Baltics')
    ? ['Nordics & Baltics']
    : tier === 'A' || tier === 'B'
      ? ['Enterprise', 'Public sector']
      : ['Mid-market', 'SMB'];
  const found = wanted.filter((t) => teams.includes(t));
  return found.length ? found : teams;
}

export function buildAccounts(ctx: Ctx, scale: TenantScale, people: People): AccountModel[] {
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
export function assignPartners(ctx: Ctx, models: AccountModel[]): void {
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
