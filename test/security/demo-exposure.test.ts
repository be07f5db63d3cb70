// A demo forced onto a non-loopback host says so loudly at start: anyone who can reach it signs in as anyone.
import { describe, expect, it } from 'vitest';
import { demoExposureWarning } from '../../backend/src/server.ts';

describe('demo exposure warning', () => {
  it('warns when the demo listens beyond loopback', () => {
    const warning = demoExposureWarning({ demo: true, host: '0.0.0.0' });
    expect(warning).toMatch(/WARNING/);
    expect(warning).toMatch(/anyone who can reach this server can sign in as anyone/);
    expect(demoExposureWarning({ demo: true, host: '192.168.1.10' })).not.toBeNull();
  });

  it('stays quiet on loopback and outside demo mode', () => {
    expect(demoExposureWarning({ demo: true, host: '127.0.0.1' })).toBeNull();
    expect(demoExposureWarning({ demo: true, host: '::1' })).toBeNull();
    expect(demoExposureWarning({ demo: false, host: '0.0.0.0' })).toBeNull();
  });
});
