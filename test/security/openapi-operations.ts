// The operations of GET /api/openapi.json as data the security suites walk: every path, method, parameter and
// request body schema, with a sampler that makes a minimal valid value of a schema. A route added to the API
// is in these suites without anyone listing it.
export type JsonSchema = Record<string, any>;

export interface Operation {
  method: string;
  /** OpenAPI template, e.g. /accounts/{id}. */
  path: string;
  params: { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
}

export function operationsOf(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<any>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).map((p: any) => ({ name: p.name, in: p.in, required: !!p.required, schema: deref(doc, p.schema ?? {}) })),
        body: op.requestBody?.content?.['application/json']?.schema ? deref(doc, op.requestBody.content['application/json'].schema) : null,
      });
    }
  }
  return ops;
}

export function deref(doc: any, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let k = 0; s?.$ref && k < 20; k++) s = doc.components.schemas[String(s.$ref).split('/').pop()!];
  return s ?? {};
}

/** Names of fields and parameters that carry a record's id (accountId, accountIds, ownerId, id). */
export const isIdName = (name: string) => /(^id$|Id$|Ids$)/.test(name);

/** The concrete types a schema allows (3.1: type may be a list; nullable via anyOf with null). */
function variants(doc: any, schema: JsonSchema): JsonSchema[] {
  const s = deref(doc, schema);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map((a: JsonSchema) => deref(doc, a)).filter((a: JsonSchema) => a.type !== 'null');
  if (Array.isArray(s.type)) return s.type.filter((t: string) => t !== 'null').map((t: string) => ({ ...s, type: t }));
  return [s];
}

/**
 * A minimal valid value: required properties only, plus any id-like property, which gets `id` (the suites
 * put another tenant's ids there). Strings with a pattern are guessed from the field name.
 */
export function sample(doc: any, schema: JsonSchema, name = '', id = 'probe-id'): unknown {
  const s = variants(doc, schema)[0] ?? {};
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined && !isIdName(name)) return s.default;
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(s.required ?? []);
      for (const [key, prop] of Object.entries<JsonSchema>(s.properties ?? {})) {
        if (required.has(key) || isIdName(key)) out[key] = sample(doc, prop, key, id);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(s.minItems ?? 0, isIdName(name) ? 1 : 0);
      return Array.from({ length: n }, () => sample(doc, s.items ?? {}, name.replace(/s$/, ''), id));
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(min, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return true;
    case 'string':
      if (isIdName(name)) return id;
      if (s.format === 'email' || /address|email/i.test(name)) return 'probe@tenant-b-probe.fi';
      if (s.format === 'date') return '2026-10-15';
      if (/domain/i.test(name)) return 'tenant-b-probe.fi';
      if (/phone/i.test(name)) return '+358 40 123 4567';
      if (/currency/i.test(name)) return 'EUR';
      return 'probe'.padEnd(s.minLength ?? 0, 'x');
    default:
      return isIdName(name) ? id : null;
  }
}

/** A path with each {param} replaced. */
export const fillPath = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(wellFormed(values[k] ?? 'x')));

/** Lone surrogates become U+FFFD, as a browser would send them (encodeURIComponent throws on them). */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
