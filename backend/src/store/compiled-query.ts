// Kysely builds and compiles a query anew every time it runs: for the timeline page (a dozen nodes, a tuple
// comparison) that was a sixth of the route's time. A hot query of a known shape is built and compiled once per
// database handle and shape, with markers where its values go; later runs put their values in the markers' places.
import type { Compilable, CompiledQuery, Kysely } from 'kysely';

type Executable<R> = Compilable<R> & { execute(): Promise<R[]> };

const MARK = '\u0000suhde-param:';

interface Template {
  compiled: CompiledQuery;
  /** Per parameter: the index of the value it takes, or a constant of the query itself. */
  slots: (number | { constant: unknown })[];
}

const templates = new WeakMap<object, Map<string, Template>>();

/**
 * Runs `build`'s query with `values`. `build` gets `value(i)`, a marker standing for values[i], and must pass
 * every value that can differ between runs through it: `shape` names everything else that changes the SQL
 * (which filters, how many values in a list), since one compiled text is kept per shape and handle.
 */
export async function runCompiledOnce<R>(
  db: Kysely<any>, shape: string, values: readonly unknown[], build: (value: (i: number) => any) => Executable<R>,
): Promise<R[]> {
  // A handle with plugins (query-plan tests, SUHDE_QUERY_STATS does not use one) may rewrite or watch each query
  // as it is built: it gets the query built every time, with its values.
  if (db.getExecutor().plugins.length > 0) return build((i) => values[i]).execute() as Promise<R[]>;
  let byShape = templates.get(db);
  if (!byShape) templates.set(db, (byShape = new Map()));
  let t = byShape.get(shape);
  if (!t) {
    const compiled = build((i) => `${MARK}${i}`).compile();
    const slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? Number(p.slice(MARK.length)) : { constant: p }));
    const used = new Set(slots.filter((s): s is number => typeof s === 'number'));
    if (used.size !== values.length) throw new Error(`compiled query ${shape}: ${values.length} values given, ${used.size} placed`);
    t = { compiled, slots };
    byShape.set(shape, t);
  }
  const parameters = t.slots.map((s) => (typeof s === 'number' ? values[s] : s.constant));
  return (await db.executeQuery<R>({ ...t.compiled, parameters } as CompiledQuery<R>)).rows;
}
