// fast-check arbitraries from the OpenAPI schemas: values that are valid or nearly so (right shape, edge
// values) and hostile ones (huge strings, NUL, lone surrogates, wrong types, deep nesting, __proto__ keys).
import fc from 'fast-check';
import { deref, type JsonSchema } from './openapi-operations.ts';

const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', '\u202e\u0041', '💥'.repeat(50), 'x'.repeat(70_000), 'é'.repeat(5000),
  "' OR 1=1 --", '"; DROP TABLE accounts; --', '../../etc/passwd', '%00', '<script>alert(1)</script>', '=cmd|calc!A0',
  '9999-12-31', '0000-01-01', '2026-02-30', '275760-09-13', '-1', '1e308', 'NaN', 'null', 'true', '[]', '{}', '__proto__', 'constructor',
];
const HOSTILE_NUMBERS = [0, -1, 1e308, -1e308, 2 ** 53, -(2 ** 53), 8.64e15 + 1, 0.5, -0, 1e-300, 253402300800000];

export const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));

const deep = (depth: number): unknown => (depth === 0 ? 'bottom' : [deep(depth - 1)]);
const deepObject = (depth: number): unknown => (depth === 0 ? 1 : { a: deepObject(depth - 1) });

/** Anything at all: wrong types, nesting far deeper than any schema, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(...HOSTILE_NUMBERS, null, true, false, [], {}),
  fc.constantFrom(deep(500), deepObject(500), JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}')),
  fc.anything({ maxDepth: 3 }),
);

/** A value for a schema, valid-ish most of the time, hostile otherwise (at every level). */
export function arbFor(doc: any, schema: JsonSchema, ids: string[], name = '', depth = 0): fc.Arbitrary<unknown> {
  const fitting = fittingArb(doc, schema, ids, name, depth);
  return fc.oneof({ weight: 4, arbitrary: fitting }, { weight: 1, arbitrary: hostileValue });
}

function fittingArb(doc: any, schema: JsonSchema, ids: string[], name: string, depth: number): fc.Arbitrary<unknown> {
  const s = deref(doc, schema);
  const alts = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (alts) return fc.oneof(...alts.map((a) => fittingArb(doc, a, ids, name, depth)));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((t: string) => fittingArb(doc, { ...s, type: t }, ids, name, depth)));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (depth > 6) return fc.constant(null);
  switch (s.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : -1e6;
      const max = typeof s.maximum === 'number' ? s.maximum : 1e12;
      return fc.oneof(
        fc.integer({ min: Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER), max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER) }),
        fc.constantFrom(min, max, min - 1, max + 1, 1e15, 1767261600000),
        s.type === 'number' ? fc.double({ noNaN: true, noDefaultInfinity: true }) : fc.constant(0),
      );
    }
    case 'string': {
      const known: string[] = [...ids, 'rep@seller-a.fi', 'someone@customer.example', 'customer.example', '2026-10-15', '2999-12-31', 'EUR', '+358 40 123 4567', 'Acme Oy'];
      if (s.format === 'date') known.push('9999-12-31', '1899-12-31', '2026-02-29');
      return fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: Math.min(s.maxLength ?? 50, 300) }), hostileString);
    }
    case 'array':
      return fc.array(arbFor(doc, s.items ?? {}, ids, name, depth + 1), { maxLength: 4 });
    case 'object': {
      const props = Object.entries<JsonSchema>(s.properties ?? {});
      if (props.length === 0) return fc.dictionary(fc.string({ maxLength: 10 }), hostileValue, { maxKeys: 3 });
      const record = fc.record(Object.fromEntries(props.map(([k, p]) => [k, arbFor(doc, p, ids, k, depth + 1)])), {
        requiredKeys: (s.required ?? []).filter((k: string) => props.some(([p]) => p === k)),
      });
      // Sometimes an unknown key too (strict schemas must refuse it, others ignore it).
      return fc.tuple(record, fc.option(fc.tuple(fc.constantFrom('extra', '__proto__', 'tenantId', 'id'), hostileValue), { freq: 4 })).map(([r, extra]) =>
        extra ? { ...(r as object), [extra[0]]: extra[1] } : r,
      );
    }
    default:
      return hostileValue;
  }
}
