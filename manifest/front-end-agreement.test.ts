// What the manifest and the front ends must agree on: the tabs' entity ids and views, and the app id the
// add-in deep-links to. Each side is read from its own code, so a rename on either side fails here.
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../addin/src/app/build-config.ts';
import { loadConfig } from '../backend/src/config.ts';
import { ACCOUNTS_TAB_ENTITY_ID } from '../web-shared/src/deep-links.ts';
import { buildAppPackage } from './app-package.ts';
import { makeFixture } from './test-fixtures.ts';

// The committed sources only: a developer's .env.local.user may point TEAMS_APP_ID at their own app.
const fixture = makeFixture();
const app = buildAppPackage({ sourceDir: fixture.sourceDir, envName: 'local' });
fixture.dispose();
const staticTabs = app.manifest.staticTabs as { entityId: string; contentUrl: string }[];

describe('the manifest and the front ends', () => {
  it('name each personal tab by the view its page shows, and deep links land on the accounts tab', () => {
    for (const tab of staticTabs) expect(new URL(tab.contentUrl).searchParams.get('view')).toBe(tab.entityId);
    expect(staticTabs.map((t) => t.entityId)).toEqual(['accounts', 'today', 'dashboard']);
    expect(staticTabs.map((t) => t.entityId)).toContain(ACCOUNTS_TAB_ENTITY_ID);
  });

  it('give the add-in the local app id for "Open in Teams" when the build sets none', () => {
    expect(buildConfig.teamsAppId).toBe(app.env.TEAMS_APP_ID);
  });

  it('give the backend the add-in id the local package installs, whose custom properties the sync reads', () => {
    // The unified manifest's id is the add-in's id; the sync reads "log this email when sent" as cecp-<id>.
    expect(app.manifest.id).toBe(app.env.TEAMS_APP_ID);
    expect(loadConfig({}).addInId).toBe(app.env.TEAMS_APP_ID!.toLowerCase());
  });
});
