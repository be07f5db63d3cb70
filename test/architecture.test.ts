// The layout rules of docs/architecture.md, checked on the source tree: imports run one way, product code never
// reaches into test/, Graph's wire format stays in graph/, and no file grows past what one reader can hold.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const productRoots = ['backend/src', 'addin/src', 'teams-app/src', 'web-shared'];

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const rel = (file: string) => relative(root, file).split('\\').join('/');
const productFiles = productRoots.flatMap((r) => walk(join(root, r))).filter((f) => !isTest(f));

/** Every module a file imports (static, re-exported or dynamic), resolved to a file when it is ours. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)]
    .map((m) => m[1] ?? m[2] ?? m[3]!)
    .filter((s) => s.startsWith('.'));
  return specs.map((s) => {
    const p = resolve(dirname(file), s);
    for (const candidate of [p, `${p}.ts`, `${p}.tsx`, join(p, 'index.ts')]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    return p;
  });
}

const graph = new Map(productFiles.map((f) => [f, importsOf(f)]));

describe('architecture', () => {
  it('product code never imports test code', () => {
    const offenders = [...graph].flatMap(([f, deps]) => deps.filter((d) => rel(d).startsWith('test/')).map((d) => `${rel(f)} -> ${rel(d)}`));
    expect(offenders).toEqual([]);
  });

  it('has no services/ catch-all folder', () => {
    expect(existsSync(join(root, 'backend/src/services'))).toBe(false);
  });

  it('has no import cycles', () => {
    // Tarjan's strongly connected components over the product's own modules.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(rel(w));
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const f of graph.keys()) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('imports run downwards between the backend layers', () => {
    const layer = (f: string) => rel(f).match(/^backend\/src\/([^/]+)\//)?.[1] ?? null;
    // What each layer must not import (docs/architecture.md).
    const forbidden: Record<string, string[]> = {
      domain: ['store', 'use-cases', 'routes', 'http', 'sync', 'graph', 'auth', 'demo'],
      store: ['use-cases', 'routes', 'http', 'sync', 'graph', 'auth', 'demo'],
      'use-cases': ['routes', 'http'],
      graph: ['store', 'use-cases', 'routes', 'http', 'sync', 'demo'],
      sync: ['routes', 'http'],
    };
    const offenders: string[] = [];
    for (const [f, deps] of graph) {
      const from = layer(f);
      if (!from || !forbidden[from]) continue;
      // The emulator is a server of Graph's wire format, not part of the client; it may use what a server needs.
      if (rel(f).startsWith('backend/src/graph/emulator/')) continue;
      for (const d of deps) {
        const to = layer(d);
        if (to && forbidden[from]!.includes(to)) offenders.push(`${rel(f)} -> ${rel(d)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps Graph URLs, $batch and /subscriptions inside backend/src/graph', () => {
    const offenders: string[] = [];
    for (const f of productFiles) {
      if (!rel(f).startsWith('backend/src/') || rel(f).startsWith('backend/src/graph/')) continue;
      readFileSync(f, 'utf8').split('\n').forEach((line, n) => {
        const code = line.replace(/\/\/.*$/, '').trim();
        if (code.startsWith('*')) return;
        if (/\$batch|['"`]\/subscriptions\b|graph\.microsoft\.(com|us)|microsoftgraph\.chinacloudapi/.test(code)) offenders.push(`${rel(f)}:${n + 1}: ${code.slice(0, 100)}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('no product source file is over about 400 lines (migrations and word lists aside)', () => {
    const exempt = (f: string) => /\/migrations\//.test(f) || /demo\/vocabulary\.ts$/.test(f);
    const long = productFiles
      .filter((f) => !exempt(rel(f)))
      .map((f) => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.lines > 420);
    expect(long).toEqual([]);
  });
});
