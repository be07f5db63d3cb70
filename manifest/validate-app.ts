// Checks a filled app package offline: the official JSON schemas bundled with @microsoft/app-manifest, the icons
// Teams and Outlook require, that every URL is HTTPS on the app's own host, and that every page and hosted icon
// the manifest names exists in what the backend serves. Each problem is one sentence that says what to fix.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import type { AppPackage } from './app-package.ts';

/** Where the backend serves the hosted icons from (web-pages.ts mounts manifest/icons there). */
export const HOSTED_ICONS_PATH = '/app-icons/';

export interface ValidateOptions {
  /** The built front ends, vite's dist/web; pages are looked up there. */
  webRoot: string;
  /** The icons the backend serves at /app-icons/ (manifest/icons). */
  hostedIconsDir: string;
  /** Off for packaging before a build: pages are then not looked up. */
  checkPages?: boolean;
}

const SCHEMA_PREFIX = 'https://developer.microsoft.com/json-schemas/';
const schemaRoot = join(dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest')), 'json-schemas');

/** The bundled copy of a schema URL, or null: validation must never reach the network. */
function bundledSchemaPath(url: string): string | null {
  const path = url.replace(/^https:\/\/developer\.microsoft\.com\/[a-z]{2}(-[a-z]{2})?\/json-schemas\//i, SCHEMA_PREFIX);
  if (!path.startsWith(SCHEMA_PREFIX)) return null;
  const local = join(schemaRoot, path.slice(SCHEMA_PREFIX.length));
  return existsSync(local) ? local : null;
}

/** Escapes a "]" that closes no character class: legal in plain JavaScript regexes, refused in the unicode mode ajv uses. */
export function escapeLoneBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      out += ch + (pattern[++i] ?? '');
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') {
      if (!inClass) {
        out += '\\]';
        continue;
      }
      inClass = false;
    }
    out += ch;
  }
  return out;
}

const compilesAsUnicode = (pattern: string) => {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
};

/**
 * Some bundled localization schemas carry a pattern with a lone "]" (activities.activityTypes), which makes ajv
 * throw before validating anything. Repair only patterns that fail to compile, so valid ones stay untouched.
 */
function repairPatterns<T>(schema: T): T {
  const fix = (p: string) => (compilesAsUnicode(p) ? p : escapeLoneBrackets(p));
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => {
        if (k === 'pattern' && typeof v === 'string') return [k, fix(v)];
        if (k === 'patternProperties' && v && typeof v === 'object') {
          return [k, Object.fromEntries(Object.entries(v).map(([p, s]) => [fix(p), walk(s)]))];
        }
        return [k, walk(v)];
      }),
    );
  };
  return walk(schema) as T;
}

async function checkSchema(document: Record<string, unknown>, fileName: string): Promise<string[]> {
  const url = document.$schema;
  if (typeof url !== 'string') return [`${fileName}: "$schema" is missing; it names the schema version to validate against.`];
  if (!bundledSchemaPath(url)) {
    return [`${fileName}: "$schema" ${url} is not one of the schemas @microsoft/app-manifest bundles, so it cannot be checked offline.`];
  }
  // Found locally (just checked), so AppManifestUtils reads the bundled file rather than fetching it.
  const schema = repairPatterns(await AppManifestUtils.fetchSchema(url));
  const errors = await AppManifestUtils.validateAgainstSchema(document as never, schema);
  return errors.map((e) => `${fileName}: schema: ${e.replace(/^ /, '(root) ').replace(/\. Details: /, ' ')}`);
}

function checkVersionMatchesSchema(manifest: Record<string, unknown>): string[] {
  const url = String(manifest.$schema ?? '');
  const version = /\/teams\/v([^/]+)\/MicrosoftTeams\.schema\.json$/.exec(url)?.[1];
  if (version && version !== manifest.manifestVersion) {
    return [`manifest.json: manifestVersion "${String(manifest.manifestVersion)}" does not match "$schema" (v${version}); change them together.`];
  }
  return [];
}

type Png = { width: number; height: number; data: Buffer };

function readPng(data: Buffer): Png | null {
  try {
    return PNG.sync.read(data);
  } catch {
    return null;
  }
}

/** Teams: color 192x192; outline 32x32, white on a transparent background (only white, at any opacity). */
function checkAppIcons(app: AppPackage): string[] {
  const icons = (app.manifest.icons ?? {}) as Record<string, string | undefined>;
  const problems: string[] = [];
  const wanted = [
    ['color', 192],
    ['outline', 32],
  ] as const;
  for (const [kind, size] of wanted) {
    const name = icons[kind];
    const data = name ? app.files.get(name) : undefined;
    if (!name || !data) continue; // Missing files are reported once, by checkPackageFiles.
    const png = readPng(data);
    if (!png) {
      problems.push(`${name}: the ${kind} icon is not a readable PNG file.`);
      continue;
    }
    if (png.width !== size || png.height !== size) {
      problems.push(`${name}: the ${kind} icon must be ${size}x${size} pixels; it is ${png.width}x${png.height}.`);
      continue;
    }
    if (kind === 'outline') problems.push(...checkOutline(name, png));
  }
  return problems;
}

function checkOutline(name: string, png: Png): string[] {
  let transparent = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
    if (a === 0) transparent++;
    else if (r !== 255 || g !== 255 || b !== 255) coloured++;
  }
  const problems: string[] = [];
  if (transparent === 0) problems.push(`${name}: the outline icon must have a transparent background; no pixel is transparent.`);
  if (coloured > 0) problems.push(`${name}: the outline icon must be white on transparent; ${coloured} pixels have another colour.`);
  return problems;
}

function checkPackageFiles(app: AppPackage): string[] {
  return app.missing.map((name) => `${name}: manifest.json names this file, but it is not in the package source folder.`);
}

/** Every string in the manifest that is a URL, with its JSON path. */
function urlsIn(value: unknown, path: string, out: { path: string; url: string }[] = []): { path: string; url: string }[] {
  if (typeof value === 'string') {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) out.push({ path, url: value });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => urlsIn(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) urlsIn(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

// The publisher's pages (privacy statement, terms) belong to the organisation, so they may live on its own site.
const PUBLISHER_URL = /^developer\./;

/** The local file a URL on the app's host stands for: a built page, or a hosted icon. */
function localFileFor(pathname: string, options: ValidateOptions): { file: string; where: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = pathname; // A malformed escape names no file; the lookup below reports it as missing.
  }
  if (decoded.startsWith(HOSTED_ICONS_PATH)) {
    return { file: join(options.hostedIconsDir, decoded.slice(HOSTED_ICONS_PATH.length)), where: options.hostedIconsDir };
  }
  return { file: join(options.webRoot, decoded), where: options.webRoot };
}

function isFileInside(file: string, root: string): boolean {
  const inside = normalize(file).startsWith(normalize(root) + sep);
  return inside && existsSync(file) && statSync(file).isFile();
}

function checkUrls(app: AppPackage, options: ValidateOptions): string[] {
  const domain = app.env.APP_DOMAIN ?? '';
  const problems: string[] = [];
  if (!domain) return ['APP_DOMAIN is not set for this environment; it is the HTTPS host that serves Suhde.'];
  const iconSizes = new Map<string, number>();
  collectIconSizes(app.manifest, iconSizes);
  let builtMissingReported = false;
  for (const { path, url } of urlsIn(app.manifest, '')) {
    if (path === '$schema' || path === 'webApplicationInfo.resource') continue;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`manifest.json ${path}: "${url}" is not a valid URL.`);
      continue;
    }
    if (parsed.protocol !== 'https:') {
      problems.push(`manifest.json ${path}: ${url} is not HTTPS; Teams and Outlook load HTTPS pages only.`);
      continue;
    }
    if (PUBLISHER_URL.test(path)) continue;
    if (parsed.host !== domain) {
      problems.push(`manifest.json ${path}: ${url} is on ${parsed.host}, not on the app's host ${domain} (APP_DOMAIN).`);
      continue;
    }
    if (options.checkPages === false) continue;
    const { file, where } = localFileFor(parsed.pathname, options);
    if (!existsSync(where)) {
      if (!builtMissingReported) problems.push(`${where} does not exist: run npm run build, then validate again.`);
      builtMissingReported = true;
      continue;
    }
    if (!isFileInside(file, where)) {
      problems.push(`manifest.json ${path}: ${url} names ${parsed.pathname}, which is not in ${where}.`);
      continue;
    }
    const size = iconSizes.get(path);
    if (size !== undefined) {
      const png = readPng(readFileSync(file));
      if (!png || png.width !== size || png.height !== size) {
        problems.push(`manifest.json ${path}: ${parsed.pathname} must be a ${size}x${size} PNG, as the manifest declares.`);
      }
    }
  }
  return problems;
}

/** Ribbon icons declare their size beside their URL (mobile ones a size in points and a scale); remember it by the URL's JSON path. */
function collectIconSizes(value: unknown, out: Map<string, number>, path = ''): void {
  if (Array.isArray(value)) value.forEach((v, i) => collectIconSizes(v, out, `${path}[${i}]`));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.size === 'number' && typeof record.url === 'string') out.set(`${path}.url`, record.size * (typeof record.scale === 'number' ? record.scale : 1));
    for (const [k, v] of Object.entries(record)) collectIconSizes(v, out, path ? `${path}.${k}` : k);
  }
}

function checkDomains(app: AppPackage): string[] {
  const domain = app.env.APP_DOMAIN ?? '';
  const manifest = app.manifest as { validDomains?: string[]; webApplicationInfo?: { id?: string; resource?: string } };
  const problems: string[] = [];
  if (domain && !(manifest.validDomains ?? []).includes(domain)) {
    problems.push(`manifest.json validDomains: it must list the app's host ${domain}.`);
  }
  const sso = manifest.webApplicationInfo;
  if (sso?.resource && sso.resource !== `api://${domain}/${sso.id}`) {
    problems.push(`manifest.json webApplicationInfo.resource: Teams single sign-on needs api://${domain}/${sso.id} (the API's Application ID URI); it is ${sso.resource}.`);
  }
  return problems;
}

/**
 * The task pane reads the item's sender, recipients and ids and writes a custom property ("log when sent"): the
 * "read item" level. Without any mailbox permission Outlook runs the add-in restricted and all of that fails.
 */
const OUTLOOK_ITEM_PERMISSIONS = ['MailboxItem.Read.User', 'MailboxItem.ReadWrite.User', 'Mailbox.ReadWrite.User'];

function checkOutlookPermission(manifest: Record<string, unknown>): string[] {
  if (!Array.isArray(manifest.extensions) || manifest.extensions.length === 0) return [];
  const granted = ((manifest.authorization as { permissions?: { resourceSpecific?: { name?: string }[] } } | undefined)?.permissions?.resourceSpecific ?? []).map(
    (p) => p.name,
  );
  if (granted.some((name) => name !== undefined && OUTLOOK_ITEM_PERMISSIONS.includes(name))) return [];
  return ['manifest.json authorization.permissions.resourceSpecific: the Outlook add-in needs MailboxItem.Read.User to read the item it shows.'];
}

/** Ribbon buttons and events name actions by id; an id no runtime declares is a button that does nothing. */
function checkActionIds(manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const extensions = (manifest.extensions ?? []) as { runtimes?: { actions?: { id: string }[] }[] }[];
  extensions.forEach((extension, e) => {
    const declared = new Set((extension.runtimes ?? []).flatMap((r) => (r.actions ?? []).map((a) => a.id)));
    const used: { path: string; id: unknown }[] = [];
    collectActionIds(extension, `extensions[${e}]`, used);
    for (const { path, id } of used) {
      if (typeof id === 'string' && !declared.has(id)) problems.push(`manifest.json ${path}: action "${id}" is not declared by any runtime.`);
    }
  });
  return problems;
}

function collectActionIds(value: unknown, path: string, out: { path: string; id: unknown }[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => collectActionIds(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'actionId') out.push({ path: `${path}.actionId`, id: v });
      else if (k !== 'runtimes') collectActionIds(v, `${path}.${k}`, out);
    }
  }
}

/** Each key of a localization file must name a string the manifest has, or the translation silently never shows. */
function checkLocalizationKeys(manifest: Record<string, unknown>, fileName: string, strings: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(strings)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    const target = key.split(/\.|\[(\d+)\]/).filter(Boolean).reduce<unknown>((node, part) => {
      if (node && typeof node === 'object') return (node as Record<string, unknown>)[part];
      return undefined;
    }, manifest);
    if (typeof target !== 'string') problems.push(`${fileName}: "${key}" names nothing in manifest.json to translate.`);
  }
  return problems;
}

async function checkLocalizations(app: AppPackage): Promise<string[]> {
  const info = (app.manifest.localizationInfo ?? {}) as { additionalLanguages?: { file: string }[] };
  const problems: string[] = [];
  for (const { file } of info.additionalLanguages ?? []) {
    const data = app.files.get(file);
    if (!data) continue;
    let strings: Record<string, unknown>;
    try {
      strings = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
    } catch (err) {
      problems.push(`${file}: not valid JSON: ${(err as Error).message}`);
      continue;
    }
    problems.push(...(await checkSchema(strings, file)), ...checkLocalizationKeys(app.manifest, file, strings));
  }
  return problems;
}

export async function validateApp(app: AppPackage, options: ValidateOptions): Promise<string[]> {
  return [
    ...(await checkSchema(app.manifest, 'manifest.json')),
    ...checkVersionMatchesSchema(app.manifest),
    ...checkPackageFiles(app),
    ...checkAppIcons(app),
    ...(await checkLocalizations(app)),
    ...checkDomains(app),
    ...checkActionIds(app.manifest),
    ...checkOutlookPermission(app.manifest),
    ...checkUrls(app, options),
  ];
}
