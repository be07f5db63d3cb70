// "What is sold to whom for how much": won euros per product, account and month over a period, and the open
// pipeline per product, of the deals the asker may see. A salesperson sees their own portfolio (the deals they
// own and the deals on accounts they own); a manager or an admin their team's, or the whole organisation's.
import { forbidden, notFound } from '../../domain/errors.ts';
import { CATALOGUE_CURRENCY, lineAmount, salesFigures, type FigureLine, type Product, type SalesFigures } from '../../domain/products.ts';
import { localDate, type Period } from '../../domain/period.ts';
import type { User } from '../../domain/types.ts';
import { productsByIds, soldLines, type SoldLineRow } from '../../store/products.ts';
import { listUsers } from '../../store/users.ts';
import { getAccount } from '../../store/accounts.ts';
import type { TenantScope } from '../../store/scope.ts';

export interface SalesFiguresAnswer extends SalesFigures {
  /** Whose deals: the asker's own, a team's, or everyone's (null team). */
  scope: { kind: 'own' | 'team' | 'all'; team: string | null };
  productsById: Map<string, Product>;
  accountNames: Map<string, string>;
}

/**
 * Whose deals the figures count. `team`: a team's name or "all" (managers and admins; default their own team,
 * or everyone when they have none); a salesperson always gets their own.
 */
async function peopleFor(scope: TenantScope, asker: User, team: string | undefined): Promise<{ people: string[] | null; kind: 'own' | 'team' | 'all'; team: string | null }> {
  if (asker.role === 'rep') {
    if (team !== undefined) throw forbidden('Only a manager or an admin can see a team’s sales: your figures are of your own accounts and deals.');
    return { people: [asker.id], kind: 'own', team: null };
  }
  const name = team === 'all' ? null : (team ?? asker.team);
  if (name === null) return { people: null, kind: 'all', team: null };
  const members = (await listUsers(scope)).filter((u) => u.team === name);
  if (members.length === 0) throw notFound(`team named “${name}”`);
  return { people: members.map((u) => u.id), kind: 'team', team: name };
}

function figureLines(rows: readonly SoldLineRow[], timeZone: string): FigureLine[] {
  // A deal with neither lines nor a value (just opened) has sold nothing yet: no "no product" column for it.
  return rows.filter((r) => r.quantity !== null || r.value !== 0).map((r) => ({
    opportunityId: r.opportunityId,
    accountId: r.accountId,
    productId: r.productId,
    // A deal without lines counts its whole value, under no product.
    cents: r.quantity === null || r.unitPrice === null ? r.value : lineAmount({ quantity: r.quantity, unitPrice: r.unitPrice }),
    wonMonth: r.stage === 'won' && r.closedAt !== null ? localDate(r.closedAt, timeZone).slice(0, 7) : null,
  }));
}

async function answer(scope: TenantScope, rows: SoldLineRow[], period: Pick<Period, 'timeZone'>, who: SalesFiguresAnswer['scope']): Promise<SalesFiguresAnswer> {
  const figures = salesFigures(figureLines(rows, period.timeZone));
  const productsById = await productsByIds(scope, figures.products.flatMap((p) => (p.productId ? [p.productId] : [])));
  return { ...figures, scope: who, productsById, accountNames: new Map(rows.map((r) => [r.accountId, r.accountName])) };
}

export async function computeSalesFigures(scope: TenantScope, asker: User, q: { period: Period; team?: string | undefined }): Promise<SalesFiguresAnswer> {
  const who = await peopleFor(scope, asker, q.team);
  const rows = await soldLines(scope, { people: who.people, start: q.period.start, end: q.period.end, currency: CATALOGUE_CURRENCY });
  return answer(scope, rows, q.period, { kind: who.kind, team: who.team });
}

/**
 * What one account bought, whoever asks: whoever may open an account sees its deals (GET /opportunities lists
 * them), so the account's page shows all of its won lines.
 */
export async function accountSalesFigures(scope: TenantScope, accountId: string, period: Pick<Period, 'start' | 'end' | 'timeZone'>): Promise<SalesFiguresAnswer> {
  if (!(await getAccount(scope, accountId))) throw notFound('account');
  const rows = await soldLines(scope, { people: null, accountId, start: period.start, end: period.end, currency: CATALOGUE_CURRENCY });
  return answer(scope, rows, period, { kind: 'all', team: null });
}
