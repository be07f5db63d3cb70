// Throw-away copies of the package sources and a fake build, so a test can break one thing and see the message.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MANIFEST_DIR } from './app-package.ts';

/** The pages the manifest names, as the colleagues' builds write them. */
export const MANIFEST_PAGES = ['addin/taskpane.html', 'teams-app/index.html', 'teams-app/config.html'];

export interface Fixture {
  root: string;
  sourceDir: string;
  webRoot: string;
  hostedIconsDir: string;
  /** Rewrites a source file (relative to sourceDir). */
  edit(file: string, change: (text: string) => string): void;
  dispose(): void;
}

export function makeFixture(): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'suhde-manifest-'));
  const sourceDir = join(root, 'manifest');
  // Only committed sources: a developer's own .env.local.user must not leak into the tests.
  for (const file of ['manifest.json', 'fi-fi.json', 'color.png', 'outline.png', 'env/.env.local', 'env/.env.dev']) {
    mkdirSync(dirname(join(sourceDir, file)), { recursive: true });
    cpSync(join(MANIFEST_DIR, file), join(sourceDir, file));
  }
  const hostedIconsDir = join(sourceDir, 'icons');
  cpSync(join(MANIFEST_DIR, 'icons'), hostedIconsDir, { recursive: true });
  const webRoot = join(root, 'dist/web');
  for (const page of MANIFEST_PAGES) {
    mkdirSync(dirname(join(webRoot, page)), { recursive: true });
    writeFileSync(join(webRoot, page), '<!doctype html><title>built page</title>');
  }
  return {
    root,
    sourceDir,
    webRoot,
    hostedIconsDir,
    edit(file, change) {
      const path = join(sourceDir, file);
      const before = readFileSync(path, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`The fixture edit of ${file} changed nothing; the test would prove nothing.`);
      writeFileSync(path, after);
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
