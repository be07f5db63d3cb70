// A deterministic generator for a whole tenant: the demo's fictional Finnish automation seller and the
// benchmark's 20,000-account, million-interaction tenant. Output depends only on (seed, now, scale): the
// generator never reads the clock or Math.random, so tests, the demo and benchmark runs see the same data.
//
// Interactions are streamed, not stored: each account has its own "touch" stream (an email thread, a
// meeting, a call, a note, a chat) drawn from its own PRNG, and a day-by-day merge yields them in time order
// while holding only about a day of pending entries in memory. Because an account's touch times come from
// its own stream, a cheap first pass over the times alone gives each account's lastContactAt and the exact
// interaction count before anything is materialised, and calibrates the rates to a target total.
//
// The sections live beside this file: generate-model.ts (shapes, helpers), generate-people.ts (users,
// contacts), generate-accounts.ts, generate-opportunities.ts (and feedback), plan-touches.ts (the times),
// generate-interactions.ts (the content) and merge-interactions.ts (the time-ordered stream).
import type { Interaction, Tenant } from '../domain/types.ts';
import type { GenerateTenantOptions, GeneratedTenant, Ctx } from './generate-model.ts';
import * as domainTypes from '../domain/types.ts';
import * as prng from './prng.ts';
import * as helsinkiTime from './helsinki-time.ts';
import * as model from './generate-model.ts';
import * as people from './generate-people.ts';
import * as accounts from './generate-accounts.ts';
import * as opportunities from './generate-opportunities.ts';
import * as touchPlan from './plan-touches.ts';
import * as merge from './merge-interactions.ts';

export {
  BENCH_SCALE, DEMO_ENTRA_TENANT_ID, DEMO_MAIL_DOMAIN, DEMO_SCALE, DEMO_SEED, DEMO_TENANT_NAME, DEMO_USERS, TEAM_NAMES,
  type DemoUserProfile, type GeneratedTenant, type GenerateTenantOptions, type TenantScale,
} from './generate-model.ts';
export { PRODUCT_CATALOGUE } from './vocabulary.ts';

// Imported values are copied into module constants once. When tsx runs code as CommonJS (`tsx -e`, scripts
// outside an ESM package) every use of an imported name becomes a getter call, which the benchmark's million
// interactions notice; plain ESM and vitest are unaffected either way.
const { DAY_MS, DEFAULT_TENANT_SETTINGS } = domainTypes;
const { Rng, uuidFrom } = prng;
const { addMonthsUtc } = helsinkiTime;
const { DEMO_ENTRA_TENANT_ID, DEMO_TENANT_NAME, DEMO_MAIL_DOMAIN, placeInWorkingHours } = model;
const { buildUsers, buildContacts } = people;
const { buildAccounts, assignPartners } = accounts;
const { buildOpportunities, buildFeedback, buildProducts } = opportunities;
const { quietSeasons, planInteractions } = touchPlan;
const { emitInteractions } = merge;

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
  const products = buildProducts(ctx);
  const opportunities = buildOpportunities(ctx, models, products);
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
    products,
    feedback,
    interactions,
    interactionCount: plan.count,
  };
}
