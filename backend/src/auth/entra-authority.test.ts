import { describe, expect, it } from 'vitest';
import { authorityHostFrom, commonKeysUrlFor, DEFAULT_AUTHORITY_HOST, v2IssuerFor } from './entra-authority.ts';

const tid = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('entra authority', () => {
  it('builds the v2.0 issuer and the common key set URL as Entra does', () => {
    expect(v2IssuerFor(DEFAULT_AUTHORITY_HOST, tid)).toBe(`https://login.microsoftonline.com/${tid}/v2.0`);
    expect(commonKeysUrlFor(DEFAULT_AUTHORITY_HOST)).toBe('https://login.microsoftonline.com/common/discovery/v2.0/keys');
  });

  it('accepts national clouds and hosts with a path, without a trailing slash', () => {
    expect(authorityHostFrom('https://login.microsoftonline.us/')).toBe('https://login.microsoftonline.us');
    expect(authorityHostFrom('http://127.0.0.1:8080/demo-auth//')).toBe('http://127.0.0.1:8080/demo-auth');
  });

  it.each(['login.microsoftonline.com', 'ftp://login.microsoftonline.com', 'https://login.microsoftonline.com?x=1', 'https://login.microsoftonline.com#a', 'https://u:p@login.microsoftonline.com'])(
    'refuses %s, since the issuer is compared as an exact string',
    (value) => {
      expect(() => authorityHostFrom(value)).toThrow(TypeError);
    },
  );
});
