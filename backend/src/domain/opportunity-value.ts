// An opportunity's money: the value of its product lines, its win probability and its weighted value.
import type { OpportunityLine, Stage } from './types.ts';

/** Half away from zero, as invoices round (Math.round takes 2.5 to 3 but -2.5 to -2). */
function roundHalfAwayFromZero(x: number): number {
  // toPrecision(15) first: 1.005 × 100 is 100.49999999999999 in binary floating point but 100.5 in decimal.
  const d = Number(x.toPrecision(15));
  const r = Math.round(Math.abs(d));
  return d < 0 ? -r || 0 : r;
}

/**
 * The win probability in percent: won is 100 and lost is 0 whatever the settings say (the outcome is known);
 * an open stage takes the tenant's figure, clamped to 0-100.
 */
export function probabilityFor(stage: Stage, stageProbability: Record<Stage, number>): number {
  if (stage === 'won') return 100;
  if (stage === 'lost') return 0;
  const p = stageProbability[stage];
  return Number.isFinite(p) ? Math.min(100, Math.max(0, p)) : 0;
}

/**
 * The sum of the lines in integer cents. Each line is rounded on its own (quantity may be fractional, e.g.
 * 2.5 hours), half away from zero, so the total equals the sum of the amounts shown per line. Negative lines
 * (discounts, credits) are allowed. A unit price that is not whole cents or a non-finite quantity is a bug
 * upstream: RangeError.
 */
export function valueFromLines(lines: readonly OpportunityLine[]): number {
  let total = 0;
  for (const l of lines) {
    if (!Number.isFinite(l.quantity)) throw new RangeError(`quantity must be a finite number, got ${l.quantity}`);
    if (!Number.isSafeInteger(l.unitPrice)) throw new RangeError(`unitPrice must be whole cents, got ${l.unitPrice}`);
    total += roundHalfAwayFromZero(l.quantity * l.unitPrice);
  }
  return total;
}

/** value × probability / 100, in integer cents (half away from zero): what the forecast counts. */
export function weightedValue(o: { value: number; probability: number }): number {
  return roundHalfAwayFromZero((o.value * o.probability) / 100);
}

/**
 * The stored figures of an opportunity: with product lines the value is their sum, otherwise the value given;
 * a closed deal's probability is fixed (won 100, lost 0), an open one keeps a probability set by hand or takes the
 * tenant's figure for its stage.
 */
export function opportunityFigures(
  o: { stage: Stage; lines: readonly OpportunityLine[]; value: number; probability?: number | undefined },
  stageProbability: Record<Stage, number>,
): { value: number; probability: number } {
  const value = o.lines.length ? valueFromLines(o.lines) : o.value;
  const closed = o.stage === 'won' || o.stage === 'lost';
  const probability = closed || o.probability === undefined ? probabilityFor(o.stage, stageProbability) : Math.min(100, Math.max(0, o.probability));
  return { value, probability };
}
