import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAppPackage } from './app-package.ts';
import { ManifestConfigError } from './environment.ts';
import { makeFixture, type Fixture } from './test-fixtures.ts';
import { escapeLoneBrackets, validateApp } from './validate-app.ts';

describe('validateApp', () => {
  let f: Fixture;
  beforeEach(() => {
    f = makeFixture();
  });
  afterEach(() => f.dispose());

  const validate = async (envName = 'local') =>
    validateApp(buildAppPackage({ sourceDir: f.sourceDir, envName }), { webRoot: f.webRoot, hostedIconsDir: f.hostedIconsDir });

  it('passes the committed sources against a build that has every page, for each environment', async () => {
    expect(await validate('local')).toEqual([]);
    expect(await validate('dev')).toEqual([]);
  });

  it('reports a missing icon file by name', async () => {
    rmSync(join(f.sourceDir, 'outline.png'));
    expect(await validate()).toEqual(['outline.png: manifest.json names this file, but it is not in the package source folder.']);
  });

  it('refuses an http URL, which the schema alone lets through for configurationUrl', async () => {
    f.edit('manifest.json', (t) => t.replace('"https://${{APP_DOMAIN}}/teams-app/config.html"', '"http://${{APP_DOMAIN}}/teams-app/config.html"'));
    expect(await validate()).toEqual([
      'manifest.json configurableTabs[0].configurationUrl: http://localhost:8443/teams-app/config.html is not HTTPS; Teams and Outlook load HTTPS pages only.',
    ]);
  });

  it('refuses a URL on another host than APP_DOMAIN', async () => {
    f.edit('manifest.json', (t) => t.replace('"https://${{APP_DOMAIN}}/addin/taskpane.html"', '"https://cdn.example.com/addin/taskpane.html"'));
    expect(await validate()).toEqual([
      "manifest.json extensions[0].runtimes[0].code.page: https://cdn.example.com/addin/taskpane.html is on cdn.example.com, not on the app's host localhost:8443 (APP_DOMAIN).",
    ]);
  });

  it('names a page the build does not have', async () => {
    rmSync(join(f.webRoot, 'teams-app/config.html'));
    const problems = await validate();
    expect(problems).toEqual([
      `manifest.json configurableTabs[0].configurationUrl: https://localhost:8443/teams-app/config.html names /teams-app/config.html, which is not in ${f.webRoot}.`,
    ]);
  });

  it('says to build when there is no build at all, once', async () => {
    rmSync(f.webRoot, { recursive: true });
    expect(await validate()).toEqual([`${f.webRoot} does not exist: run npm run build, then validate again.`]);
  });

  it('does not let a URL climb out of the build folder', async () => {
    writeFileSync(join(f.root, 'secret.html'), 'outside');
    // %2F survives URL parsing, so only the file lookup can stop dist/web/teams-app/../../../secret.html.
    f.edit('manifest.json', (t) => t.replace('/teams-app/config.html"', '/teams-app/..%2F..%2F..%2Fsecret.html"'));
    const problems = await validate();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/configurationUrl: .* which is not in /);
  });

  it('treats a malformed escape in a path as a missing page, not a crash', async () => {
    f.edit('manifest.json', (t) => t.replace('/teams-app/config.html"', '/teams-app/%E0%A4%A.html"'));
    const problems = await validate();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('names /teams-app/%E0%A4%A.html, which is not in');
  });

  it('reports a schema violation with its JSON path', async () => {
    f.edit('manifest.json', (t) => t.replace('"accentColor": "#0E7C86"', '"accentColor": "teal"'));
    const problems = await validate();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^manifest\.json: schema: \/accentColor must match pattern/);
  });

  it('reports a property the schema does not know', async () => {
    f.edit('manifest.json', (t) => t.replace('"pinnable": true', '"pinnable": true, "pinned": true'));
    const problems = await validate();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('/extensions/0/runtimes/0/actions/0 must NOT have additional properties');
    expect(problems[0]).toContain('pinned');
  });

  it('catches a manifestVersion that disagrees with $schema', async () => {
    f.edit('manifest.json', (t) => t.replace('"manifestVersion": "1.27"', '"manifestVersion": "1.26"'));
    const problems = await validate();
    expect(problems).toContain('manifest.json: manifestVersion "1.26" does not match "$schema" (v1.27); change them together.');
  });

  it('refuses a schema it would have to download', async () => {
    f.edit('manifest.json', (t) => t.replace('teams/v1.27/MicrosoftTeams.schema.json', 'teams/v9.99/MicrosoftTeams.schema.json'));
    const problems = await validate();
    expect(problems[0]).toBe(
      'manifest.json: "$schema" https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json is not one of the schemas @microsoft/app-manifest bundles, so it cannot be checked offline.',
    );
  });

  it('checks icon sizes', async () => {
    copyFileSync(join(f.hostedIconsDir, 'icon-80.png'), join(f.sourceDir, 'color.png'));
    expect(await validate()).toEqual(['color.png: the color icon must be 192x192 pixels; it is 80x80.']);
  });

  it('requires the outline icon to be white on a transparent background', async () => {
    const opaque = new PNG({ width: 32, height: 32 });
    opaque.data.fill(255);
    opaque.data[0] = 0; // one red-less pixel: not white
    writeFileSync(join(f.sourceDir, 'outline.png'), PNG.sync.write(opaque));
    expect(await validate()).toEqual([
      'outline.png: the outline icon must have a transparent background; no pixel is transparent.',
      'outline.png: the outline icon must be white on transparent; 1 pixels have another colour.',
    ]);
  });

  it('reads a mobile icon’s size as points times scale (25 at scale 2 is 50 px)', async () => {
    copyFileSync(join(f.hostedIconsDir, 'icon-25.png'), join(f.hostedIconsDir, 'icon-50.png'));
    expect(await validate()).toEqual([
      'manifest.json extensions[0].ribbons[2].tabs[0].customMobileRibbonGroups[0].controls[0].icons[1].url: /app-icons/icon-50.png must be a 50x50 PNG, as the manifest declares.',
    ]);
  });

  it('declares Outlook on mobile, with the CRM note-taking context for meetings', () => {
    const app = buildAppPackage({ sourceDir: f.sourceDir, envName: 'local' });
    const ribbons = (app.manifest.extensions as { ribbons: { requirements?: { formFactors?: string[] }; contexts: string[] }[] }[])[0]!.ribbons;
    const mobile = ribbons.find((r) => r.requirements?.formFactors?.includes('mobile'));
    expect(mobile?.contexts).toEqual(expect.arrayContaining(['mailRead', 'meetingDetailsAttendee', 'logEventMeetingDetailsAttendee']));
  });

  it('checks that a hosted ribbon icon has the size the manifest declares', async () => {
    copyFileSync(join(f.hostedIconsDir, 'icon-16.png'), join(f.hostedIconsDir, 'icon-80.png'));
    const problems = await validate();
    expect(problems).toHaveLength(2); // both ribbons name it
    expect(problems[0]).toBe(
      'manifest.json extensions[0].ribbons[0].tabs[0].groups[0].controls[0].icons[2].url: /app-icons/icon-80.png must be a 80x80 PNG, as the manifest declares.',
    );
  });

  it('finds a localization key that translates nothing', async () => {
    f.edit('fi-fi.json', (t) => t.replace('"staticTabs[2].name"', '"staticTabs[7].name"'));
    expect(await validate()).toEqual(['fi-fi.json: "staticTabs[7].name" names nothing in manifest.json to translate.']);
  });

  it('validates the localization file against its own schema', async () => {
    f.edit('fi-fi.json', (t) => t.replace('"name.short": "Suhde${{APP_NAME_SUFFIX}}"', `"name.short": "${'Suhde'.repeat(7)}"`));
    const problems = await validate();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^fi-fi\.json: schema: \/name\.short must NOT have more than 30 characters/);
  });

  it('finds a ribbon button whose action no runtime declares', async () => {
    f.edit('manifest.json', (t) => t.replace('"actionId": "OpenComposeTaskPane"', '"actionId": "OpenSomething"'));
    expect(await validate()).toEqual([
      'manifest.json extensions[0].ribbons[1].tabs[0].groups[0].controls[0].actionId: action "OpenSomething" is not declared by any runtime.',
    ]);
  });

  it('insists on the read item permission the task pane needs', async () => {
    f.edit('manifest.json', (t) => t.replace('"MailboxItem.Read.User"', '"MailboxItem.Restricted.User"'));
    expect(await validate()).toEqual([
      'manifest.json authorization.permissions.resourceSpecific: the Outlook add-in needs MailboxItem.Read.User to read the item it shows.',
    ]);
  });

  it('ties single sign-on to the app host', async () => {
    f.edit('manifest.json', (t) => t.replace('"api://${{APP_DOMAIN}}/${{AAD_APP_CLIENT_ID}}"', '"api://elsewhere.example/${{AAD_APP_CLIENT_ID}}"'));
    expect(await validate()).toEqual([
      'manifest.json webApplicationInfo.resource: Teams single sign-on needs api://localhost:8443/00000000-5eed-4e5e-8000-000000000001 (the API\'s Application ID URI); it is api://elsewhere.example/00000000-5eed-4e5e-8000-000000000001.',
    ]);
  });

  it('stops at a placeholder the environment does not set, naming it', () => {
    f.edit('env/.env.local', (t) => t.replace(/^AAD_APP_CLIENT_ID=.*$/m, ''));
    expect(() => buildAppPackage({ sourceDir: f.sourceDir })).toThrow(
      new ManifestConfigError("manifest.json needs AAD_APP_CLIENT_ID: set it in the environment's env file."),
    );
  });
});

describe('escapeLoneBrackets', () => {
  it('escapes a "]" outside a character class and leaves classes and escapes alone', () => {
    expect(escapeLoneBrackets('^a\\[\\b([0-9]|1[01])\\b]\\.x$')).toBe('^a\\[\\b([0-9]|1[01])\\b\\]\\.x$');
    expect(escapeLoneBrackets('^[a-z]+\\]$')).toBe('^[a-z]+\\]$');
    expect(() => new RegExp(escapeLoneBrackets('x\\b]y'), 'u')).not.toThrow();
  });
});
