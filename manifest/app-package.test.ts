import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAppPackage, MANIFEST_DIR, referencedFiles, zipAppPackage } from './app-package.ts';
import { fillPlaceholders } from './fill-placeholders.ts';
import { makeFixture, type Fixture } from './test-fixtures.ts';

describe('the app package', () => {
  let f: Fixture;
  beforeEach(() => {
    f = makeFixture();
  });
  afterEach(() => f.dispose());

  it('zips exactly the manifest, its two icons and its localization file, at the top level', async () => {
    const zip = await JSZip.loadAsync(await zipAppPackage(buildAppPackage({ sourceDir: f.sourceDir })));
    const names = Object.values(zip.files).map((e) => `${e.name}${e.dir ? ' (folder)' : ''}`);
    expect(names.sort()).toEqual(['color.png', 'fi-fi.json', 'manifest.json', 'outline.png']);
    expect(await zip.file('color.png')?.async('nodebuffer')).toEqual(readFileSync(join(f.sourceDir, 'color.png')));
  });

  it('fills every placeholder for the environment, in the manifest and in the localization file', async () => {
    const zip = await JSZip.loadAsync(await zipAppPackage(buildAppPackage({ sourceDir: f.sourceDir, envName: 'dev' })));
    const manifestText = (await zip.file('manifest.json')?.async('string')) ?? '';
    const finnish = (await zip.file('fi-fi.json')?.async('string')) ?? '';
    expect(manifestText).not.toContain('${{');
    expect(finnish).not.toContain('${{');
    const manifest = JSON.parse(manifestText);
    expect(manifest.id).toBe('d32cc861-bd23-4e2a-9ca0-7cacd68ded22');
    expect(manifest.name.short).toBe('Suhde (dev)');
    expect(JSON.parse(finnish)['name.short']).toBe('Suhde (dev)');
    expect(manifest.staticTabs[0].contentUrl).toBe('https://suhde-dev.example.com/teams-app/index.html?view=accounts');
    expect(manifest.webApplicationInfo).toEqual({
      id: '2699abb7-1adb-4e06-8a26-fef00cdb4e58',
      resource: 'api://suhde-dev.example.com/2699abb7-1adb-4e06-8a26-fef00cdb4e58',
    });
  });

  it('takes a developer override from the .user file, which git ignores', () => {
    writeFileSync(join(f.sourceDir, 'env/.env.local.user'), 'APP_DOMAIN=my-tunnel.example.net\n');
    const app = buildAppPackage({ sourceDir: f.sourceDir });
    expect((app.manifest.validDomains as string[])[0]).toBe('my-tunnel.example.net');
    expect(readFileSync(join(MANIFEST_DIR, '.gitignore'), 'utf8')).toContain('build/');
  });

  it('gives the same bytes for the same sources', async () => {
    const a = await zipAppPackage(buildAppPackage({ sourceDir: f.sourceDir }));
    await new Promise((r) => setTimeout(r, 1100)); // zip timestamps have 2 s resolution; any clock use would show
    const b = await zipAppPackage(buildAppPackage({ sourceDir: f.sourceDir }));
    expect(a.equals(b)).toBe(true);
  });

  it('refuses a package file outside the flat package', () => {
    f.edit('manifest.json', (t) => t.replace('"outline": "outline.png"', '"outline": "../outline.png"'));
    expect(() => buildAppPackage({ sourceDir: f.sourceDir })).toThrow(/"\.\.\/outline\.png": package files must be plain file names/);
  });
});

describe('referencedFiles', () => {
  it('lists icons and localization files once each', () => {
    expect(
      referencedFiles({
        icons: { color: 'c.png', outline: 'o.png' },
        localizationInfo: { defaultLanguageTag: 'en-us', defaultLanguageFile: 'en.json', additionalLanguages: [{ file: 'fi.json' }, { file: 'fi.json' }] },
      }),
    ).toEqual(['c.png', 'o.png', 'en.json', 'fi.json']);
  });
});

describe('fillPlaceholders', () => {
  it('escapes values for JSON and lets a suffix be empty', () => {
    expect(fillPlaceholders('{"a":"${{A}}${{APP_NAME_SUFFIX}}"}', { A: 'say "hi"\\', APP_NAME_SUFFIX: '' }, 'x.json')).toBe('{"a":"say \\"hi\\"\\\\"}');
  });

  it('names every missing variable at once', () => {
    expect(() => fillPlaceholders('${{A}} ${{ B }} ${{A}}', { A: '' }, 'x.json')).toThrow("x.json needs A, B: set them in the environment's env file.");
  });
});
