// The demo configuration against the real build output, not a fake one: the pages the manifest names must be
// what `npm run build` writes. Builds first when dist/web is missing or older than the front-end sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppPackage } from './app-package.ts';
import { MANIFEST_PAGES } from './test-fixtures.ts';
import { validateApp } from './validate-app.ts';
import { defaultValidateOptions, REPO_ROOT } from './validate.ts';

function mtimes(dir: string, keep: (name: string) => boolean): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && keep(e.name) && !join(e.parentPath, e.name).includes('node_modules'))
    .map((e) => statSync(join(e.parentPath, e.name)).mtimeMs);
}

function buildIsStale(webRoot: string): boolean {
  const built = MANIFEST_PAGES.map((p) => join(webRoot, p));
  if (!built.every((p) => existsSync(p))) return true;
  const oldestPage = Math.min(...built.map((p) => statSync(p).mtimeMs));
  const sources = ['addin', 'teams-app', 'web-shared'].flatMap((d) => mtimes(join(REPO_ROOT, d), (n) => !/\.test\.tsx?$/.test(n)));
  return sources.some((m) => m > oldestPage);
}

describe('the demo configuration', () => {
  const options = defaultValidateOptions({});

  beforeAll(() => {
    if (!buildIsStale(options.webRoot)) return;
    try {
      execFileSync('bash', ['scripts/build-web.sh'], { cwd: REPO_ROOT, stdio: 'inherit', timeout: 240_000 });
    } catch (err) {
      throw new Error(`npm run build failed (its output is above), so the pages the manifest names cannot be checked: ${(err as Error).message}`);
    }
  }, 300_000);

  it('passes validation against the real build in dist/web', async () => {
    const problems = await validateApp(buildAppPackage({ envName: 'local' }), options);
    expect(problems, `npm run validate would say:\n${problems.join('\n')}`).toEqual([]);
  });
});
