// npm run package [-- --env dev]: fills the manifest for an environment, checks it (all but the pages, which
// need a build: npm run validate checks those) and writes build/appPackage.<env>.zip plus the filled manifest
// beside it, where the Agents Toolkit puts them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildAppPackage, MANIFEST_DIR, zipAppPackage } from './app-package.ts';
import { envNameFromArgs, ManifestConfigError } from './environment.ts';
import { validateApp } from './validate-app.ts';
import { defaultValidateOptions } from './validate.ts';

async function main(): Promise<number> {
  const envName = envNameFromArgs(process.argv.slice(2));
  const app = buildAppPackage({ envName, processEnv: process.env });
  const problems = await validateApp(app, { ...defaultValidateOptions(), checkPages: false });
  if (problems.length > 0) {
    console.error(`Not packaging "${envName}": ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
    for (const p of problems) console.error(`  - ${p}`);
    return 1;
  }
  const outDir = join(MANIFEST_DIR, 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${envName}.zip`);
  writeFileSync(zipPath, await zipAppPackage(app));
  writeFileSync(join(outDir, `manifest.${envName}.json`), app.files.get('manifest.json') ?? '');
  console.log(`Wrote ${relative(process.cwd(), zipPath)}: ${[...app.files.keys()].join(', ')}.`);
  console.log('Upload it in the Teams admin center or the Microsoft 365 admin center; npm run validate also checks the pages.');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof ManifestConfigError ? err.message : err);
    process.exitCode = 1;
  },
);
