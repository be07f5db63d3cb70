// The lines a create or an update of a deal asks for, filled in from the catalogue (domain/products.ts).
import { resolveLines, type OpportunityLineInput } from '../../domain/products.ts';
import type { OpportunityLine } from '../../domain/types.ts';
import { productsByIds } from '../../store/products.ts';
import type { TenantScope } from '../../store/scope.ts';

export async function linesFromCatalogue(
  scope: TenantScope,
  lines: readonly OpportunityLineInput[],
  opts: { currency: string; current?: readonly OpportunityLine[] },
): Promise<OpportunityLine[]> {
  const ids = lines.flatMap((l) => (l.productId ? [l.productId] : []));
  const catalogue = ids.length ? await productsByIds(scope, ids) : new Map();
  const kept = new Set((opts.current ?? []).flatMap((l) => (l.productId ? [l.productId] : [])));
  return resolveLines(lines, catalogue, { currency: opts.currency, kept });
}
