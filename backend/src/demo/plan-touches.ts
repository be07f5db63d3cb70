// Touch planning: times and shapes only, drawn from each account's own stream, so a pass over the times
// alone gives each account's last contact and the exact interaction count.
import type { Direction, InteractionKind } from '../domain/types.ts';
import type { Ctx, AccountModel } from './generate-model.ts';
import * as domainTypes from '../domain/types.ts';
import * as prng from './prng.ts';
import * as helsinkiTime from './helsinki-time.ts';
import * as model from './generate-model.ts';

// Imported values are copied into module constants once (see generate-tenant.ts).
const { DAY_MS, TIERS } = domainTypes;
const { Rng, weightedPicker } = prng;
type Rng = prng.Rng;
const { helsinkiDay, helsinkiToUtc, nextWeekday, nextWorkingTime, WORK_END_MIN, WORK_START_MIN } = helsinkiTime;
const { MIN_MS, clamp } = model;

export interface TouchPlan {
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
export function quietSeasons(from: number, to: number): [number, number][] {
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

export class TouchCursor {
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

export function planInteractions(ctx: Ctx, models: AccountModel[], target: number | undefined): InteractionPlan {
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
