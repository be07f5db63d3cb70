// Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work here). npm test
// (scripts/test.sh) and .ci/run install the chromium package when they can. Without it the browser suites are
// skipped with a printed reason, except in CI (CI=true), where a missing browser must fail the run.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SUHDE_CHROMIUM ?? '/usr/bin/chromium';

const MISSING = `${CHROMIUM_PATH} is missing: run npm test as root (it installs it), or apt-get install -y chromium fonts-noto-core`;

/** True when a browser suite should skip: Chromium is absent and this is not CI. Prints why, once per suite. */
export function skipWithoutChromium(suite: string): boolean {
  if (existsSync(CHROMIUM_PATH) || process.env.CI === 'true') return false;
  console.warn(`[suhde tests] ${suite} skipped: ${MISSING} (CI fails instead of skipping).`);
  return true;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${MISSING}. .ci/run installs it.`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      // No --user-data-dir: playwright refuses it here and gives each launch a fresh temporary profile itself.
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}

/** Where end-to-end suites save their screenshots (test artifacts, git-ignored). */
export function artifactDir(suite: string): string {
  const dir = new URL(`../../test-artifacts/${suite}/`, import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  return dir;
}
