// The values for one environment, read the way Microsoft 365 Agents Toolkit reads them: env/.env.<name>, then
// the git-ignored env/.env.<name>.user (secrets, personal overrides), then exported variables win over both.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export class ManifestConfigError extends Error {}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

/** Parses dotenv text: KEY=value, optional quotes, # comments; a malformed line is an error, not silence. */
export function parseEnvFile(text: string, fileName: string): Record<string, string> {
  const values: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    if (/^\s*(#.*)?$/.test(raw)) return;
    const match = LINE.exec(raw);
    if (!match) throw new ManifestConfigError(`${fileName}:${index + 1}: expected KEY=value, found "${raw.trim()}".`);
    const [, key, rest] = match as unknown as [string, string, string];
    let value = rest;
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[1] === '"' ? (quoted[2] ?? '').replace(/\\n/g, '\n').replace(/\\"/g, '"') : (quoted[2] ?? '');
    else value = value.replace(/\s+#.*$/, '');
    values[key] = value;
  });
  return values;
}

export interface LoadEnvironmentOptions {
  /** The folder with .env.<name> files. */
  envDir: string;
  /** Exported variables; they override the files (CI sets APP_DOMAIN this way). */
  processEnv?: Record<string, string | undefined>;
}

export function loadEnvironment(name: string, { envDir, processEnv = {} }: LoadEnvironmentOptions): Record<string, string> {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(name)) throw new ManifestConfigError(`Environment name "${name}" must be letters, digits and dashes.`);
  const base = join(envDir, `.env.${name}`);
  if (!existsSync(base)) throw new ManifestConfigError(`There is no environment "${name}": ${base} does not exist.`);
  const values = parseEnvFile(readFileSync(base, 'utf8'), base);
  const user = `${base}.user`;
  if (existsSync(user)) Object.assign(values, parseEnvFile(readFileSync(user, 'utf8'), user));
  for (const key of Object.keys(values)) {
    const exported = processEnv[key];
    if (exported !== undefined) values[key] = exported;
  }
  return values;
}

/** `--env dev` or `--env=dev` from a command line; local when absent. */
export function envNameFromArgs(argv: readonly string[]): string {
  const index = argv.findIndex((a) => a === '--env' || a.startsWith('--env='));
  if (index === -1) return 'local';
  const arg = argv[index] ?? '';
  const name = arg.includes('=') ? arg.slice('--env='.length) : argv[index + 1];
  if (!name) throw new ManifestConfigError('--env needs an environment name, for example --env dev.');
  return name;
}
