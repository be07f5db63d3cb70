// The links the Outlook add-in builds (web-shared's deep-link builders, as addin/src/features/account uses them)
// land where route.ts sends them: inside Teams through the entity deep link's entityId and context.subEntityId
// (teams-js hands them to the tab as page.id and page.subPageId), outside Teams through the webUrl's query.
import { describe, expect, it } from 'vitest';
import { ACCOUNTS_TAB_ENTITY_ID, teamsAccountDeepLink, teamsAppPageUrl } from '../../../web-shared/src/deep-links.ts';
import { resolveRoute } from './route.ts';

/** What Teams does with an entity deep link: the tab of that entityId, with the context's subEntityId. */
function openInTeams(link: string) {
  const url = new URL(link);
  const [, l, entity, appId, entityId] = url.pathname.split('/');
  expect([l, entity]).toEqual(['l', 'entity']);
  const context = JSON.parse(url.searchParams.get('context')!) as { subEntityId: string };
  return { appId: decodeURIComponent(appId!), entityId: decodeURIComponent(entityId!), subEntityId: context.subEntityId, webUrl: url.searchParams.get('webUrl')! };
}

describe('add-in deep links and the Teams app’s routes', () => {
  const appId = 'f46ad259-0fe5-4f12-872d-c737b174bcb4';
  const accountId = '0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b';
  const interactionId = '0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a99';

  for (const target of [{ accountId }, { accountId, interactionId }]) {
    it(`opens ${target.interactionId ? 'the timeline item' : 'the account'} inside Teams and in a browser`, () => {
      const link = teamsAccountDeepLink({ appId, label: 'Kallio & Co', webOrigin: 'https://suhde.example.fi', ...target });
      const opened = openInTeams(link);
      expect(opened.appId).toBe(appId);
      expect(opened.entityId).toBe(ACCOUNTS_TAB_ENTITY_ID);
      // The accounts tab's contentUrl is ?view=accounts; the subEntityId must win over it.
      const inTeams = resolveRoute(new URLSearchParams('view=accounts'), { entityId: opened.entityId, subEntityId: opened.subEntityId, frameContext: 'content' });
      expect(inTeams).toEqual({ view: 'account', ...target });
      const web = new URL(opened.webUrl);
      expect(web.origin + web.pathname).toBe('https://suhde.example.fi/teams-app/index.html');
      expect(resolveRoute(web.searchParams, { entityId: null, subEntityId: null, frameContext: null })).toEqual({ view: 'account', ...target });
      // The add-in's fallback without a Teams app id is the same page.
      expect(teamsAppPageUrl('https://suhde.example.fi', accountId, target.interactionId)).toBe(opened.webUrl);
    });
  }
});
