// Each account's opportunities (stages, lines, values) and its customers' feedback.
import type { Feedback, Opportunity, OpportunityLine, Stage, Tier } from '../domain/types.ts';
import type { Product } from '../domain/products.ts';
import type { Ctx, AccountModel } from './generate-model.ts';
import * as domainTypes from '../domain/types.ts';
import * as prng from './prng.ts';
import * as helsinkiTime from './helsinki-time.ts';
import * as vocabulary from './vocabulary.ts';
import * as model from './generate-model.ts';

// Imported values are copied into module constants once (see generate-tenant.ts).
const { DAY_MS, DEFAULT_TENANT_SETTINGS, OPEN_STAGES } = domainTypes;
const { Rng, uuidFrom, weightedPicker } = prng;
type Rng = prng.Rng;
const { helsinkiDate } = helsinkiTime;
const { DEAL_TEMPLATES, FEEDBACK_COMMENTS, PRODUCT_CATALOGUE } = vocabulary;
const { MIN_MS, clamp, workingTimeBetween } = model;

// The catalogue

/**
 * The seller's catalogue as the tenant's products, at list price. Ids come from their own stream, so adding
 * the catalogue left every other generated record as it was.
 */
export function buildProducts(ctx: Ctx): Product[] {
  const rng = new Rng(ctx.seed, 'products');
  return PRODUCT_CATALOGUE.map((p) => ({
    id: uuidFrom(rng), tenantId: ctx.tenantId, name: p.name, code: p.code, unitPrice: p.unitPrice, currency: 'EUR', active: true,
    createdAt: ctx.tenantCreatedAt, updatedAt: ctx.tenantCreatedAt,
  }));
}

// Opportunities

const STAGE_WEIGHTS: Record<'customer' | 'prospect' | 'former', readonly number[]> = {
  // identified, contacted, offer, negotiation, won, lost
  customer: [10, 12, 16, 12, 30, 14],
  prospect: [30, 30, 20, 8, 0, 12],
  former: [0, 0, 0, 0, 50, 50],
};
const STAGES_ALL: readonly Stage[] = [...OPEN_STAGES, 'won', 'lost'];
const OPP_COUNT: Record<Tier, [number, number]> = { A: [2, 4], B: [1, 3], C: [0, 2], D: [0, 1] };

export function buildOpportunities(ctx: Ctx, models: AccountModel[], products: readonly Product[] = []): Opportunity[] {
  const rng = new Rng(ctx.seed, 'opportunities');
  const productByCode = new Map(PRODUCT_CATALOGUE.map((p) => [p.code, p]));
  const productIdByCode = new Map(products.map((p) => [p.code, p.id]));
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
        return { product: p.name, productId: productIdByCode.get(code) ?? null, quantity: rng.int(p.quantity[0], p.quantity[1]), unitPrice };
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

export function buildFeedback(ctx: Ctx, models: AccountModel[]): Feedback[] {
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
