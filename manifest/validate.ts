// npm run validate [-- --env dev]: fills the manifest for an environment and checks it offline, including that
// every page it names is in the build (npm run build first). Exits 1 with one line per problem.
import { join, resolve } from 'node:path';
import { buildAppPackage, MANIFEST_DIR } from './app-package.ts';
import { envNameFromArgs, ManifestConfigError } from './environment.ts';
import { validateApp } from './validate-app.ts';

export const REPO_ROOT = resolve(MANIFEST_DIR, '..');

export function defaultValidateOptions(env: Record<string, string | undefined> = process.env) {
  return {
    webRoot: resolve(REPO_ROOT, env.SUHDE_WEB_ROOT || 'dist/web'),
    hostedIconsDir: join(MANIFEST_DIR, 'icons'),
  };
}

async function main(): Promise<number> {
  const envName = envNameFromArgs(process.argv.slice(2));
  const app = buildAppPackage({ envName, processEnv: process.env });
  const problems = await validateApp(app, defaultValidateOptions());
  if (problems.length > 0) {
    console.error(`The app package for "${envName}" has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
    for (const p of problems) console.error(`  - ${p}`);
    return 1;
  }
  console.log(`The app package for "${envName}" is valid (schema ${String(app.manifest.manifestVersion)}, icons, URLs on ${app.env.APP_DOMAIN}, pages in the build).`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof ManifestConfigError ? err.message : err);
      process.exitCode = 1;
    },
  );
}
