import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_DIR } from './app-package.ts';

const yml = readFileSync(join(MANIFEST_DIR, 'm365agents.yml'), 'utf8');

describe('m365agents.yml', () => {
  it('points the toolkit at the committed manifest and env folder', () => {
    const paths = [...yml.matchAll(/^\s*(manifestPath|environmentFolderPath):\s*(\S+)\s*$/gm)].map((m) => m[2] ?? '');
    expect(paths).toContain('./env');
    expect(paths).toContain('./manifest.json');
    for (const path of paths) expect(existsSync(join(MANIFEST_DIR, path)), `${path} (from m365agents.yml)`).toBe(true);
  });

  it('writes the package where npm run package writes it, and keeps it out of git', () => {
    for (const [, path] of yml.matchAll(/(?:outputZipPath|appPackagePath):\s*(\S+)/g)) {
      expect(path).toBe('./build/appPackage.${{TEAMSFX_ENV}}.zip');
    }
    expect(readFileSync(join(MANIFEST_DIR, '.gitignore'), 'utf8').split('\n')).toContain('build/');
  });

  it('uses only variables every committed environment sets, or ones the toolkit writes itself', () => {
    const written = new Set([...yml.matchAll(/^\s+\w+:\s+([A-Z][A-Z0-9_]+)\s*$/gm)].map((m) => m[1]));
    const used = new Set([...yml.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((m) => m[1] ?? ''));
    for (const env of ['local', 'dev']) {
      const file = readFileSync(join(MANIFEST_DIR, 'env', `.env.${env}`), 'utf8');
      for (const name of used) {
        if (!written.has(name)) expect(file, `.env.${env} should set ${name}`).toMatch(new RegExp(`^${name}=`, 'm'));
      }
    }
  });
});
