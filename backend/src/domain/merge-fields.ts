// Which values a merged record keeps: the survivor's, unless the person chose the merged record's value for a
// field, or the survivor has none (an empty field takes the merged record's value rather than losing it).

export type FieldSource = 'survivor' | 'merged';

export interface FieldConflict<K extends string = string> {
  field: K;
  survivor: unknown;
  merged: unknown;
  keep: FieldSource;
}

export function planFieldMerge<T extends Record<K, unknown>, K extends string>(
  survivor: T,
  merged: readonly T[],
  fields: readonly K[],
  choices: Partial<Record<K, FieldSource>> = {},
): { conflicts: FieldConflict<K>[]; values: Partial<Pick<T, K>> } {
  const conflicts: FieldConflict<K>[] = [];
  const values: Partial<Pick<T, K>> = {};
  for (const field of fields) {
    const mine = survivor[field];
    // The first merged record (in the order asked) with a value of its own that differs from the survivor's.
    const other = merged.find((m) => m[field] !== null && m[field] !== undefined && m[field] !== mine)?.[field];
    if (other === undefined) continue;
    const keep: FieldSource = choices[field] ?? (mine === null || mine === undefined ? 'merged' : 'survivor');
    conflicts.push({ field, survivor: mine, merged: other, keep });
    if (keep === 'merged') values[field] = other;
  }
  return { conflicts, values };
}
