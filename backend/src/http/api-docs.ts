// A self-contained docs page rendered from the OpenAPI document: no script, no CDN, readable in any browser.
type Doc = { info: { title: string; description?: string; version: string }; paths?: Record<string, Record<string, Operation>> };
type Operation = {
  summary?: string; description?: string; tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
};

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function renderApiDocs(doc: unknown): string {
  const d = doc as Doc;
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(d.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? [])
        .map((p) => `<li><code>${esc(p.name)}</code> <small>(${esc(p.in)}${p.required ? ', required' : ''})</small>${p.description ? ` ${esc(p.description)}` : ''}</li>`)
        .join('');
      const body = op.requestBody?.content?.['application/json']?.schema as { $ref?: string } | undefined;
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<li><code>${esc(code)}</code> ${esc(r.description ?? '')}</li>`)
        .join('');
      const html = `<section class="op"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>/api${esc(path)}</code></h3>
        ${op.summary ? `<p>${esc(op.summary)}</p>` : ''}${op.description ? `<p class="desc">${esc(op.description)}</p>` : ''}
        ${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
        ${body ? `<h4>Body</h4><p><code>${esc(body.$ref?.split('/').pop() ?? 'JSON')}</code></p>` : ''}
        <h4>Responses</h4><ul>${responses}</ul></section>`;
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2 id="${esc(tag)}">${esc(tag)}</h2>${ops.join('')}`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(d.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#242424}
.op{border:1px solid #e0e0e0;border-radius:8px;padding:.5rem 1rem;margin:1rem 0}.m{display:inline-block;min-width:4.5em;font-size:.8em;padding:2px 6px;border-radius:4px;color:#fff;background:#5b5fc7}
.m.post{background:#107c10}.m.patch,.m.put{background:#8a5a00}.m.delete{background:#c50f1f}h4{margin:.5rem 0 .2rem}code{font-size:.95em}.desc{color:#555}</style></head>
<body><h1>${esc(d.info.title)} <small>${esc(d.info.version)}</small></h1><p>${esc(d.info.description ?? '')}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457).</p>
<nav>${[...byTag.keys()].map((t) => `<a href="#${esc(t)}">${esc(t)}</a>`).join(' · ')}</nav>${sections}</body></html>`;
}
