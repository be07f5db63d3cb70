import { describe, expect, it } from 'vitest';
import { parseAccountSubEntityId, teamsAccountDeepLink, teamsAppPageUrl } from './deep-links.ts';

describe('Teams deep links', () => {
  it('builds Microsoft’s entity deep link with every parameter encoded', () => {
    const link = teamsAccountDeepLink({ appId: 'f46ad259-0fe5-4f12-872d-c737b174bcb4', accountId: 'acc 1', label: 'Kallio & Co', webOrigin: 'https://suhde.example.fi/' });
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe('https://teams.microsoft.com/l/entity/f46ad259-0fe5-4f12-872d-c737b174bcb4/accounts');
    expect(url.searchParams.get('label')).toBe('Kallio & Co');
    expect(url.searchParams.get('webUrl')).toBe('https://suhde.example.fi/teams-app/index.html?view=account&accountId=acc+1');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'account:acc 1' });
    expect(link).not.toContain('{');
  });

  it('reads back what it wrote, and nothing else', () => {
    expect(parseAccountSubEntityId('account:a1')).toEqual({ accountId: 'a1' });
    expect(parseAccountSubEntityId('account:a1/interaction:i9')).toEqual({ accountId: 'a1', interactionId: 'i9' });
    expect(parseAccountSubEntityId('opportunity:x')).toBeNull();
    expect(parseAccountSubEntityId(undefined)).toBeNull();
    expect(teamsAppPageUrl('http://127.0.0.1:8080', 'a1', 'i2')).toBe('http://127.0.0.1:8080/teams-app/index.html?view=account&accountId=a1&interactionId=i2');
  });
});
