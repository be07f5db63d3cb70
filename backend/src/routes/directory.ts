// The directory health view (admin): when the tenant's directory was last read, its verified domains, and the
// domains whose stored "customer" mail looks like colleagues' mail, so an admin can add or fix them.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { requireRole } from '../http/authenticate.ts';
import { problems } from './schemas.ts';
import { checkDirectoryHealth } from '../use-cases/directory/check-directory-health.ts';

const DirectoryHealthSchema = z.object({
  refreshedAt: z.number().nullable().openapi({ description: 'When the directory was last read from Microsoft Graph; null: never (sync off, or no User.Read.All)' }),
  users: z.number(),
  addresses: z.number().openapi({ description: 'Directory addresses (aliases too) matched as internal' }),
  domains: z.array(z.object({ domain: z.string(), isDefault: z.boolean(), isInitial: z.boolean() })).openapi({ description: 'Verified domains, Unicode form' }),
  adminDomains: z.array(z.string()).openapi({ description: 'The admin’s own additions (settings internalDomains)' }),
  suspicious: z.array(z.object({
    domain: z.string(),
    interactions: z.number().openapi({ description: 'Stored interactions naming an address at the domain (summed per address)' }),
    internalOnly: z.number().openapi({ description: 'Of those, the ones whose participants are all internal now: they would not be captured today' }),
    colleagueAddresses: z.number().openapi({ description: 'The organisation’s own addresses at the domain' }),
    reasons: z.array(z.enum(['internal-only', 'colleagues-addresses'])),
  })).openapi({ description: 'Domains whose stored customer interactions look internal, most first' }),
}).openapi('DirectoryHealth');

export function directoryRoutes(_deps: Deps) {
  return newRouter().openapi(
    createRoute({
      method: 'get', path: '/directory/health', operationId: 'getDirectoryHealth', tags: ['Sync'], security: bearer, middleware: [requireRole('admin')] as const,
      summary: 'The directory as last read, and stored customer mail that looks internal (admin)',
      responses: { 200: { description: 'Directory health', content: { 'application/json': { schema: DirectoryHealthSchema } } }, ...problems(401, 403, 503) },
    }),
    async (c) => {
      const auth = c.get('auth');
      return c.json(await checkDirectoryHealth(auth.scope, auth.tenant.settings), 200);
    },
  );
}
