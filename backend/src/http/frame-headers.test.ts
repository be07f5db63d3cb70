import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { createApp } from '../app.ts';
import type { Db } from '../store/connect.ts';
import { FRAME_ANCESTORS, frameHeaders, withFrameAncestors } from './frame-headers.ts';

/** The sources of the frame-ancestors directive in a Content-Security-Policy header. */
function frameAncestors(policy: string | null): string[] {
  const directive = (policy ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith('frame-ancestors '));
  return directive ? directive.split(/\s+/).slice(1) : [];
}

describe('frame headers on the pages the backend serves', () => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let webRoot: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    const sqlite = testDatabases().find((d) => d.name === 'sqlite');
    if (!sqlite) throw new Error('the SQLite test database is always available');
    ({ handle, dispose } = await sqlite.open());
    webRoot = mkdtempSync(join(tmpdir(), 'suhde-web-'));
    for (const page of ['addin/taskpane.html', 'addin/preview.html', 'teams-app/index.html', 'teams-app/config.html']) {
      mkdirSync(join(webRoot, page, '..'), { recursive: true });
      writeFileSync(join(webRoot, page), `<!doctype html><title>${page}</title>`);
    }
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'assets/app.js'), 'export {};');
    app = createApp({
      handle,
      clock: () => Date.now(),
      config: { publicUrl: 'http://127.0.0.1:8080', bodyLimitBytes: 65536, demo: false },
      verify: async () => {
        throw new Error('no page in this suite needs a token');
      },
      webRoot,
    });
  });
  afterAll(async () => {
    await dispose();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it.each(['/addin/taskpane.html', '/teams-app/index.html?view=accounts', '/teams-app/config.html', '/addin/preview.html'])(
    'lets exactly the documented Microsoft 365 hosts and the app itself frame %s',
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>');
      expect(frameAncestors(res.headers.get('content-security-policy'))).toEqual([
        "'self'",
        'https://teams.microsoft.com',
        'https://*.teams.microsoft.com',
        'https://*.cloud.microsoft',
        'https://*.microsoft365.com',
        'https://*.office.com',
        'https://outlook.office.com',
        'https://outlook.office365.com',
        'https://outlook-sdf.office.com',
        'https://outlook-sdf.office365.com',
      ]);
      expect(res.headers.get('x-frame-options')).toBeNull();
    },
  );

  it('never allows framing from anywhere: no wildcard, no bare scheme, no http', () => {
    for (const source of FRAME_ANCESTORS) {
      expect(source).not.toMatch(/^(\*|https?:|https:\/\/\*|http:\/\/.*)$/);
      if (source !== "'self'") expect(source).toMatch(/^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    }
  });

  it('serves the ribbon icons the manifest names, from manifest/icons', async () => {
    const res = await app.request('/app-icons/icon-32.png');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    expect((await app.request('/app-icons/nothing.png')).status).toBe(404);
  });

  it('leaves the API alone: its JSON is never a framed page', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBeNull();
  });
});

describe('withFrameAncestors', () => {
  it('adds the directive to a page without a policy, and keeps the rest of a policy a page sets', () => {
    expect(withFrameAncestors(null)).toBe(`frame-ancestors ${FRAME_ANCESTORS.join(' ')}`);
    expect(withFrameAncestors("default-src 'self'; frame-ancestors 'none'")).toBe(
      `default-src 'self'; frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
    );
  });

  it('replaces the policy a handler set on the response, through the middleware', async () => {
    const app = new Hono();
    app.use('/page', frameHeaders());
    app.get('/page', (c) => {
      c.header('Content-Security-Policy', "script-src 'self'; frame-ancestors *");
      c.header('X-Frame-Options', 'DENY');
      return c.html('<p>page</p>');
    });
    const res = await app.request('/page');
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy.startsWith("script-src 'self'; ")).toBe(true);
    expect(frameAncestors(policy)).not.toContain('*');
    expect(frameAncestors(policy)).toEqual([...FRAME_ANCESTORS]);
    expect(res.headers.get('x-frame-options')).toBeNull();
  });
});
