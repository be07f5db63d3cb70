// Which sign-in the pane picks: NAA where NestedAppAuth 1.1 is supported, the Office dialog otherwise, the
// demo issuer (as the mailbox's own demo user) without an Entra configuration.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OfficeMockObject } from 'office-addin-mock';

function office(sets: Record<string, string>, email = 'laura@demo.fi') {
  (globalThis as { Office?: unknown }).Office = new OfficeMockObject({
    context: {
      requirements: { isSetSupported: (name: string, v: string) => sets[name] !== undefined && Number(sets[name]) >= Number(v) },
      mailbox: { userProfile: { emailAddress: email } },
    },
  }, 'outlook' as never);
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.resetModules();
  delete (globalThis as { Office?: unknown }).Office;
});

async function choose() {
  const { chooseAuth } = await import('./choose-auth.ts');
  return chooseAuth();
}

describe('choose auth', () => {
  it('uses nested app authentication when Outlook supports NestedAppAuth 1.1', async () => {
    vi.stubEnv('VITE_ENTRA_CLIENT_ID', '11111111-2222-3333-4444-555555555555');
    vi.stubEnv('VITE_SUHDE_API_SCOPE', 'api://suhde.example.fi/66666666-7777-8888-9999-000000000000/access_as_user');
    office({ Mailbox: '1.13', NestedAppAuth: '1.1' });
    const c = await choose();
    expect(c.kind === 'ready' && c.auth.kind).toBe('naa');
  });

  it('falls back to the Office dialog API without NestedAppAuth', async () => {
    vi.stubEnv('VITE_ENTRA_CLIENT_ID', '11111111-2222-3333-4444-555555555555');
    vi.stubEnv('VITE_SUHDE_API_SCOPE', 'api://suhde.example.fi/66666666-7777-8888-9999-000000000000/access_as_user');
    office({ Mailbox: '1.8' });
    const c = await choose();
    expect(c.kind === 'ready' && c.auth.kind).toBe('office-dialog');
  });

  it('signs the demo in as the mailbox’s demo user, or asks who you are', async () => {
    const users = [{ id: 'u1', displayName: 'Laura', email: 'Laura@demo.fi', role: 'rep', team: null }, { id: 'u2', displayName: 'Mikko', email: 'mikko@demo.fi', role: 'rep', team: null }];
    vi.stubGlobal('fetch', async () => Response.json({ items: users }));
    vi.stubGlobal('location', { origin: 'http://127.0.0.1:8080' });
    office({ Mailbox: '1.13' });
    const mine = await choose();
    expect(mine.kind === 'ready' && mine.auth.kind).toBe('demo');
    vi.resetModules();
    office({ Mailbox: '1.13' }, 'stranger@elsewhere.fi');
    const other = await choose();
    expect(other).toEqual({ kind: 'pick-demo-user', users });
  });
});
