// Builds the app package for one environment: fills the manifest and localization templates and collects the
// files the manifest names. The zip holds exactly those files, flat, as Teams and the admin centers expect.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { loadEnvironment, ManifestConfigError } from './environment.ts';
import { fillPlaceholders } from './fill-placeholders.ts';

export const MANIFEST_DIR = import.meta.dirname;

export interface AppPackage {
  envName: string;
  env: Record<string, string>;
  /** The filled manifest, parsed. */
  manifest: Record<string, unknown>;
  /** Every file of the package by its name in the zip, manifest.json included. */
  files: Map<string, Buffer>;
  /** Files the manifest names that the source folder lacks; validation reports them. */
  missing: string[];
}

export interface BuildOptions {
  /** The folder with manifest.json, its icons, localization files and env/. */
  sourceDir?: string;
  envName?: string;
  processEnv?: Record<string, string | undefined>;
}

/** The package-relative files the manifest refers to: its two icons and its localization files. */
export function referencedFiles(manifest: Record<string, unknown>): string[] {
  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  const localization = (manifest.localizationInfo ?? {}) as { defaultLanguageFile?: unknown; additionalLanguages?: { file?: unknown }[] };
  const names = [
    icons.color,
    icons.outline,
    icons.color32x32,
    localization.defaultLanguageFile,
    ...(localization.additionalLanguages ?? []).map((l) => l.file),
  ];
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))];
}

function parseJson(text: string, fileName: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new ManifestConfigError(`${fileName} is not valid JSON after filling its placeholders: ${(err as Error).message}`);
  }
}

export function buildAppPackage({ sourceDir = MANIFEST_DIR, envName = 'local', processEnv = {} }: BuildOptions = {}): AppPackage {
  const env = loadEnvironment(envName, { envDir: join(sourceDir, 'env'), processEnv });
  const manifestText = fillPlaceholders(readFileSync(join(sourceDir, 'manifest.json'), 'utf8'), env, 'manifest.json');
  const manifest = parseJson(manifestText, 'manifest.json');
  const files = new Map<string, Buffer>([['manifest.json', Buffer.from(manifestText)]]);
  const missing: string[] = [];
  for (const name of referencedFiles(manifest)) {
    // The zip is flat and the manifest's paths are relative to it: anything else would point outside the package.
    if (name.includes('/') || name.includes('\\') || name === 'manifest.json') {
      throw new ManifestConfigError(`manifest.json names "${name}": package files must be plain file names next to manifest.json.`);
    }
    const path = join(sourceDir, name);
    if (!existsSync(path)) {
      missing.push(name);
      continue;
    }
    const data = readFileSync(path);
    files.set(name, name.endsWith('.json') ? Buffer.from(fillPlaceholders(data.toString('utf8'), env, name)) : data);
  }
  return { envName, env, manifest, files, missing };
}

/** A zip with fixed timestamps, so the same sources give the same bytes. */
export async function zipAppPackage(app: AppPackage): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2026, 0, 1));
  for (const [name, data] of app.files) zip.file(name, data, { date, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
