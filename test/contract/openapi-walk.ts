// Walks an OpenAPI 3.1 document: its operations, and every schema node an answer or a request body can reach.
export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Schema = Record<string, unknown>;
type Media = Record<string, { schema?: Schema }>;
export interface Operation {
  operationId?: string;
  tags?: string[];
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Media };
  responses: Record<string, { description: string; content?: Media }>;
}
export interface Doc {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, Schema> };
  tags?: { name: string; description?: string }[];
}

export function operations(doc: Doc): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ method, path, op: item[method]! }] : [])),
  );
}

export const problemStatuses = (op: Operation) => Object.keys(op.responses).filter((s) => Number(s) >= 400);

/**
 * Every schema node reachable from the document's request bodies and parameters and/or its responses,
 * following $refs into components (each component once).
 */
export function* schemaNodes(doc: Doc, only: { requestBodiesOnly?: boolean; responsesOnly?: boolean } = {}): Generator<{ where: string; node: Schema }> {
  const roots: { where: string; schema: Schema }[] = [];
  for (const { method, path, op } of operations(doc)) {
    const at = `${method.toUpperCase()} ${path}`;
    if (!only.responsesOnly) {
      for (const [type, m] of Object.entries(op.requestBody?.content ?? {})) if (m.schema) roots.push({ where: `${at} body ${type}`, schema: m.schema });
      if (!only.requestBodiesOnly) for (const p of op.parameters ?? []) if (p.schema) roots.push({ where: `${at} ${p.in} ${p.name}`, schema: p.schema });
    }
    if (!only.requestBodiesOnly) {
      for (const [status, r] of Object.entries(op.responses)) {
        for (const [type, m] of Object.entries(r.content ?? {})) if (m.schema) roots.push({ where: `${at} ${status} ${type}`, schema: m.schema });
      }
    }
  }
  const seen = new Set<string>();
  const stack = roots.map((r) => ({ where: r.where, node: r.schema as unknown }));
  while (stack.length) {
    const { where, node } = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((n, i) => stack.push({ where: `${where}[${i}]`, node: n }));
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const schema = node as Schema;
    const ref = schema.$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      if (!seen.has(name)) {
        seen.add(name);
        stack.push({ where: `${where} > ${name}`, node: doc.components.schemas[name] });
      }
      continue;
    }
    yield { where, node: schema };
    for (const key of ['properties', 'patternProperties', '$defs']) {
      for (const [k, v] of Object.entries((schema[key] as Record<string, unknown> | undefined) ?? {})) stack.push({ where: `${where}.${k}`, node: v });
    }
    for (const key of ['items', 'additionalProperties', 'not', 'anyOf', 'oneOf', 'allOf', 'prefixItems']) {
      if (key in schema) stack.push({ where: `${where} ${key}`, node: schema[key] });
    }
  }
}
