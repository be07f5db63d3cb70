// Replaces the toolkit's ${{NAME}} placeholders with an environment's values. Values are JSON-escaped, since the
// templates are JSON; a placeholder without a value stops the build and names every missing variable.
import { ManifestConfigError } from './environment.ts';

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function fillPlaceholders(template: string, values: Record<string, string>, fileName: string): string {
  const missing = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') {
      // An empty suffix is a legitimate value; everything else empty is a configuration mistake.
      if (value === '' && name.endsWith('_SUFFIX')) return '';
      missing.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) {
    throw new ManifestConfigError(`${fileName} needs ${[...missing].join(', ')}: set ${missing.size === 1 ? 'it' : 'them'} in the environment's env file.`);
  }
  return filled;
}
