// Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work here). .ci/run
// installs the chromium package; a suite that needs it fails with this message when it is missing.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SUHDE_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium (.ci/run does it).`);
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
