// Every response carries the security headers: API data is never cached or sniffed, pages get a CSP that
// runs only our scripts, office.js from Microsoft's CDN and the page's own inline scripts (by hash).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { SyncService } from '../sync/sync-service.ts';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { inlineScriptHashes } from './security-headers.ts';

const INLINE = 'window.answer = 42;';
const TASKPANE = `<!doctype html><title>pane</title><script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script><script>${INLINE}</script><script type="module" src="/assets/app.js"></script>`;

describe('security headers', () => {
  let dispose: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  let webRoot: string;

  beforeAll(async () => {
    const db = await testDatabases()[0]!.open();
    dispose = db.dispose;
    webRoot = mkdtempSync(join(tmpdir(), 'suhde-web-'));
    mkdirSync(join(webRoot, 'addin'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'addin/taskpane.html'), TASKPANE);
    writeFileSync(join(webRoot, 'assets/app.js'), 'export {};');
    const sync = { acceptNotifications: async () => ({ accepted: 1, refused: 0 }) } as unknown as SyncService;
    app = createApp({
      handle: db.handle, clock: Date.now, sync, webRoot,
      config: { publicUrl: 'http://127.0.0.1:8080', bodyLimitBytes: 65536, demo: false },
      verify: async () => { throw new Error('no token in this suite'); },
    });
  });
  afterAll(async () => {
    await dispose();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it.each(['/healthz', '/api/accounts', '/api/openapi.json', '/nothing-here', '/graph/notifications?validationToken=abc'])('%s: nosniff, no-store, no referrer', async (path) => {
    const res = await app.request(path, path.startsWith('/graph') ? { method: 'POST' } : {});
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('sends the webhook validation echo as text/plain with nosniff, so it never renders as a page', async () => {
    const res = await app.request('/graph/notifications?validationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('gives pages a policy: own scripts, office.js from its CDN, inline scripts by hash, no objects, framing by Microsoft 365 only', async () => {
    const res = await app.request('/addin/taskpane.html');
    expect(res.status).toBe(200);
    const policy = Object.fromEntries((res.headers.get('content-security-policy') ?? '').split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }));
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'", 'https://appsforoffice.microsoft.com', `'${inlineScriptHashes(TASKPANE)[0]}'`]);
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
    expect(policy['script-src']).not.toContain("'unsafe-eval'");
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toContain('https://teams.microsoft.com');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('hashes inline scripts only, exactly as the browser does', () => {
    // echo -n 'window.answer = 42;' | openssl dgst -sha256 -binary | base64
    expect(inlineScriptHashes(`<script>${INLINE}</script><script src="x.js"></script>`)).toEqual(['sha256-8rs5+OC6hkqjGoFGpLXZTrVxMzBrQcCd14GHFVLvinM=']);
  });

  it('lets the built scripts be cached', async () => {
    const res = await app.request('/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).not.toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
