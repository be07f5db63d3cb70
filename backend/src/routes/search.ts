// Search across accounts, contacts and interactions: the Teams app's top bar and the add-in's account picker.
import { createRoute } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import { problems } from './schemas.ts';
import { SearchQuerySchema, SearchResultSchema } from './search-schemas.ts';
import { searchRecords } from '../use-cases/search/search-records.ts';

export function searchRoutes() {
  return newRouter().openapi(
    createRoute({
      method: 'get', path: '/search', operationId: 'searchRecords', tags: ['Search'], security: bearer,
      summary: 'Find accounts, contacts and interactions you may see',
      description: 'Ranked within each kind (best first), grouped by kind; interactions are ranked among the 100 newest you may see that match. Accounts by name, domain, industry and region; contacts by name, title, address and phone; interactions by subject, snippet, note and who took part, as far as you may see them: a private item you do not hold is never found, and a metadata-only item you do not hold is found by who took part only (never by its subject or body) and comes back without its subject. Highlights are cut from text you may read. Archived accounts, their contacts and history are left out unless `includeArchived=true`.',
      request: { query: SearchQuerySchema },
      responses: { 200: { description: 'Hits by kind', content: { 'application/json': { schema: SearchResultSchema } } }, ...problems(400, 401, 503) },
    }),
    async (c) => {
      const auth = c.get('auth');
      const q = c.req.valid('query');
      const r = await searchRecords(auth.scope, { userId: auth.user.id, role: auth.role }, q);
      return c.json(r, 200);
    },
  );
}
