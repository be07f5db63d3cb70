import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envNameFromArgs, loadEnvironment, ManifestConfigError, parseEnvFile } from './environment.ts';

describe('parseEnvFile', () => {
  it('reads KEY=value with comments, blank lines, quotes and export', () => {
    const text = ['# a comment', '', 'A=plain', 'B=" spaced "', "C='single'", 'export D=exported', 'E=value # trailing note', 'F='].join('\n');
    expect(parseEnvFile(text, '.env.x')).toEqual({ A: 'plain', B: ' spaced ', C: 'single', D: 'exported', E: 'value', F: '' });
  });

  it('names the file and line of a malformed entry', () => {
    expect(() => parseEnvFile('A=1\nnot an assignment', '.env.x')).toThrow(new ManifestConfigError('.env.x:2: expected KEY=value, found "not an assignment".'));
  });
});

describe('loadEnvironment', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'suhde-env-'));
    writeFileSync(join(dir, '.env.dev'), 'APP_DOMAIN=dev.example.com\nTEAMS_APP_ID=one\nSECRET_X=\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets the git-ignored .user file override the committed one, and exported variables override both', () => {
    writeFileSync(join(dir, '.env.dev.user'), 'SECRET_X=s3cret\nTEAMS_APP_ID=two\n');
    expect(loadEnvironment('dev', { envDir: dir })).toEqual({ APP_DOMAIN: 'dev.example.com', TEAMS_APP_ID: 'two', SECRET_X: 's3cret' });
    const exported = loadEnvironment('dev', { envDir: dir, processEnv: { APP_DOMAIN: 'ci.example.com', UNRELATED: 'x' } });
    expect(exported.APP_DOMAIN).toBe('ci.example.com');
    expect(exported).not.toHaveProperty('UNRELATED');
  });

  it('says which environment does not exist', () => {
    expect(() => loadEnvironment('prod', { envDir: dir })).toThrow(/There is no environment "prod": .*\.env\.prod does not exist\./);
    expect(() => loadEnvironment('../dev', { envDir: dir })).toThrow(/must be letters, digits and dashes/);
  });
});

describe('envNameFromArgs', () => {
  it('reads --env NAME and --env=NAME, local by default', () => {
    expect(envNameFromArgs([])).toBe('local');
    expect(envNameFromArgs(['--env', 'dev'])).toBe('dev');
    expect(envNameFromArgs(['--env=dev'])).toBe('dev');
    expect(() => envNameFromArgs(['--env'])).toThrow(/needs an environment name/);
  });
});
