import { describe, expect, it } from 'vitest';
import { applicationTokenProvider, graphDefaultScope, staticTokenProvider } from './token-providers.ts';

describe('Graph token providers', () => {
  it('asks for the /.default scope of the configured cloud', () => {
    expect(graphDefaultScope('https://graph.microsoft.com/v1.0')).toBe('https://graph.microsoft.com/.default');
    expect(graphDefaultScope('https://microsoftgraph.chinacloudapi.cn/v1.0')).toBe('https://microsoftgraph.chinacloudapi.cn/.default');
  });
  it('allows a static token only for an emulator on loopback', async () => {
    expect(await staticTokenProvider('dev', 'http://127.0.0.1:4000/v1.0')()).toBe('dev');
    expect(() => staticTokenProvider('dev', 'https://graph.microsoft.com/v1.0')).toThrow(/only for an emulator on loopback/);
  });
  it('refuses application credentials without a secret or a certificate', () => {
    expect(() => applicationTokenProvider({ clientId: '00000000-0000-4000-8000-000000000001', authorityHost: 'https://login.microsoftonline.com' }, 'tid', 'https://graph.microsoft.com')).toThrow(/secret or a certificate/);
  });
});
