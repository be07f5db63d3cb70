// Guards the front ends' startup JavaScript against the regression of 2026-12-06 (docs/benchmarks.md, "Front-end
// sizes"): the goals of test/bench/dashboard.ts (Teams tab initial) and test/bench/addin-bench.ts (task pane first
// paint), measured the same way on a fresh production build, and no face's startup carrying the other's code or
// web-shared components its first screen does not show.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const GOALS_KB = { teamsInitial: 250, addinFirstPaint: 150 };
const root = new URL('..', import.meta.url).pathname;
let out = '';

/** The page's module scripts and everything they import statically (`import("…")` is lazy and left out). */
function startupFiles(page: string): string[] {
  const html = readFileSync(join(out, page), 'utf8');
  const seen = new Set<string>();
  const walk = (u: string) => {
    if (seen.has(u)) return;
    seen.add(u);
    const code = readFileSync(join(out, u), 'utf8');
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']([^"']+\.js)["']/g)) walk(new URL(m[1]!, `http://x${u}`).pathname);
  };
  for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="(\/[^"]+\.js)"/g)) walk(m[1]!);
  return [...seen];
}

const gzipKb = (files: string[], level?: number) =>
  files.reduce((n, u) => n + gzipSync(readFileSync(join(out, u)), level ? { level } : {}).length, 0) / 1024;

/** The source files (by their source maps) whose code a set of chunks holds. */
function sourcesOf(files: string[]): string[] {
  return files.flatMap((u) => {
    try {
      return (JSON.parse(readFileSync(join(out, `${u}.map`), 'utf8')) as { sources: string[] }).sources;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []; // vite's own helpers have no map
      throw e;
    }
  });
}

describe('front-end startup JavaScript', () => {
  beforeAll(() => {
    // Its own output directory: dist/web may be in use by an end-to-end run.
    out = mkdtempSync(join(tmpdir(), 'suhde-bundle-'));
    // NODE_ENV: vitest sets it to 'test', which would build React's development code.
    const env = { ...process.env, NODE_ENV: 'production' };
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'], { cwd: root, env, stdio: 'inherit' });
  }, 180_000);
  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it(`Teams tab: initial JS <= ${GOALS_KB.teamsInitial} kB gzip, no add-in code, no web-shared component it does not show`, () => {
    const files = startupFiles('teams-app/index.html');
    expect(files.some((f) => f.includes('/start-'))).toBe(true); // the walk found the tab's code
    expect(gzipKb(files)).toBeLessThanOrEqual(GOALS_KB.teamsInitial);
    const sources = sourcesOf(files);
    expect(sources.filter((s) => /(^|\/)addin\/src\//.test(s))).toEqual([]);
    expect(sources.filter((s) => /web-shared\/src\/components\/(follow-up-actions|account-card|timeline-item)/.test(s))).toEqual([]);
    expect(sources.filter((s) => /teams-app\/src\/i18n\/fi-FI\.json/.test(s))).toEqual([]); // fetched for Finnish users only
  });

  it(`add-in task pane: first paint <= ${GOALS_KB.addinFirstPaint} kB gzip, no Teams code, no web-shared component`, () => {
    const files = startupFiles('addin/taskpane.html');
    expect(files.some((f) => f.includes('/addin/taskpane-'))).toBe(true);
    expect(gzipKb(files, 9)).toBeLessThanOrEqual(GOALS_KB.addinFirstPaint);
    const sources = sourcesOf(files);
    expect(sources.filter((s) => /(^|\/)teams-app\/src\//.test(s))).toEqual([]);
    // The pane's first paint is a spinner (or an error): loading-state and error-state are all it shows.
    expect(sources.filter((s) => /web-shared\/src\/components\//.test(s) && !/(loading|error)-state\.tsx$/.test(s))).toEqual([]);
  });
});
