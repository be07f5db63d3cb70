// The API document as integrators use it: linted by Redocly and validated by swagger-parser, turned into
// TypeScript by openapi-typescript (default settings) and called through a type-checked openapi-fetch client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { testDatabases } from '../support/test-databases.ts';
import { apiHarness } from '../support/api-harness.ts';
import { API_TAGS } from '../../backend/src/app.ts';
import { TEAMS_THREAD_ID } from '../../backend/src/domain/teams-thread-id.ts';
import { operations, problemStatuses, schemaNodes, type Doc } from './openapi-walk.ts';

describe('the OpenAPI document', () => {
  let doc: Doc;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await testDatabases()[0]!.open();
    dispose = opened.dispose;
    const h = await apiHarness(opened.handle);
    const res = await h.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => dispose());

  it('lints clean with Redocly (recommended-strict, problem details, declared tags)', async () => {
    const config = await createConfig({
      extends: ['recommended-strict'],
      rules: {
        // The API is not published under a licence.
        'info-license': 'off',
        'operation-4xx-problem-details-rfc7807': 'error',
        'operation-tag-defined': 'error',
        'tag-description': 'error',
        'no-invalid-schema-examples': 'error',
        'no-invalid-parameter-examples': 'error',
      },
    });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: '/openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('validates with swagger-parser', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('names every operation with a unique verb-noun operationId and one declared tag', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(40);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id) => !/^[a-z]+(?:[A-Z][a-z]+)+$/.test(id ?? ''))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['listAccounts', 'getAccount', 'createAccount', 'moveOpportunityStage', 'logInteraction', 'getMeetingByChat']));
    const declared = (doc.tags ?? []).map((t) => t.name);
    expect((doc.tags ?? []).filter((t) => !t.description)).toEqual([]);
    expect(declared).toEqual(API_TAGS.map((t) => t.name));
    const used = new Set(ops.flatMap((o) => o.op.tags ?? []));
    expect(ops.filter((o) => o.op.tags?.length !== 1).map((o) => o.op.operationId)).toEqual([]);
    expect([...used].sort()).toEqual([...declared].sort());
  });

  it('documents every error as problem+json, 401 and 503 everywhere, and 400, 413 and 415 where a body is taken', () => {
    for (const { method, path, op } of operations(doc)) {
      const where = `${method.toUpperCase()} ${path}`;
      const errors = problemStatuses(op);
      expect(errors.length, where).toBeGreaterThan(0);
      for (const status of errors) {
        const content = op.responses[status]!.content ?? {};
        expect(Object.keys(content), `${where} ${status}`).toEqual(['application/problem+json']);
        const ref = (content['application/problem+json']!.schema as { $ref?: string }).$ref ?? '';
        // Problem itself, or a problem type with extension members (DuplicateProblem) that keeps every Problem field.
        expect(ref, `${where} ${status}`).toMatch(/^#\/components\/schemas\/\w*Problem$/);
        const named = doc.components.schemas[ref.split('/').pop()!] as { properties?: Record<string, unknown>; allOf?: { $ref?: string }[] };
        const extendsProblem = named.allOf?.some((s) => s.$ref === '#/components/schemas/Problem') ?? false;
        if (!extendsProblem) expect(Object.keys(named.properties ?? {}), `${where} ${status}`).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']));
      }
      expect(errors, where).toEqual(expect.arrayContaining(['401', '503']));
      if (op.requestBody) expect(errors, where).toEqual(expect.arrayContaining(['400', '413', '415']));
      if ((op.parameters ?? []).length) expect(errors, where).toContain('400');
    }
    const problem = doc.components.schemas.Problem as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(problem.properties)).toEqual(['type', 'title', 'status', 'detail', 'errors']);
    expect(problem.required).toEqual(['type', 'title', 'status', 'detail']);
  });

  it('publishes only flagless patterns, and the chat id one accepts real chat ids', () => {
    const patterns = [...schemaNodes(doc)].flatMap((n) => (typeof n.node.pattern === 'string' ? [n.node.pattern] : []));
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) {
      expect(() => new RegExp(p, 'u'), p).not.toThrow();
      expect(p, 'a regex flag leaked into the pattern').not.toMatch(/\/[dgimsuvy]*$/);
    }
    const chat = doc.paths['/meetings/by-chat/{chatId}']!.get!.parameters!.find((p) => p.name === 'chatId')!;
    const pattern = new RegExp((chat.schema as { pattern: string }).pattern, 'u');
    for (const id of ['19:meeting_ODkyNWFmNGYtZjBjYS00MDdlLTllOWQtN2E3MzJlNjM0ZWRj@thread.v2', '19:abc@thread.tacv2', '19:abc@Thread.SKYPE']) {
      expect(pattern.test(id), id).toBe(true);
      expect(TEAMS_THREAD_ID.test(id), id).toBe(true);
    }
    for (const bad of ['19:a/b@thread.v2', '20:abc@thread.v2', '19:abc@threads.v2']) expect(pattern.test(bad), bad).toBe(false);
  });

  it('gives /match typed accounts (with their open pipeline) and contacts', () => {
    const match = doc.components.schemas.MatchResponse as { properties: Record<string, { items: unknown }> };
    expect(match.properties.accounts!.items).toEqual({ $ref: '#/components/schemas/AccountListItem' });
    expect(match.properties.contacts!.items).toEqual({ $ref: '#/components/schemas/Contact' });
  });

  it('puts no `default` in a request body (generated clients would make the field required)', () => {
    const found: string[] = [];
    for (const n of schemaNodes(doc, { requestBodiesOnly: true })) if ('default' in n.node) found.push(n.where);
    expect(found).toEqual([]);
  });

  it('shows no tenantId in any response schema', () => {
    const found: string[] = [];
    for (const n of schemaNodes(doc, { responsesOnly: true })) {
      const props = n.node.properties as Record<string, unknown> | undefined;
      if (props && 'tenantId' in props) found.push(n.where);
      if (Array.isArray(n.node.required) && n.node.required.includes('tenantId')) found.push(n.where);
    }
    expect(found).toEqual([]);
  });

  it('generates TypeScript (openapi-typescript, default settings) that an openapi-fetch client type-checks against', async () => {
    const generated = astToString(await openapiTS(structuredClone(doc) as never));
    // Virtual files beside the tests, so openapi-fetch resolves from the project's node_modules.
    const dir = join(import.meta.dirname, '__generated__');
    const files = new Map([
      [join(dir, 'api.ts'), generated],
      [join(dir, 'client.ts'), CLIENT],
    ]);
    const options: ts.CompilerOptions = {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'], types: [], skipLibCheck: true,
      noUncheckedIndexedAccess: true,
    };
    const host = ts.createCompilerHost(options);
    const { fileExists, readFile, getSourceFile } = host;
    const { directoryExists } = host;
    host.directoryExists = (d) => d === dir || (directoryExists?.call(host, d) ?? true);
    host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
    host.readFile = (f) => files.get(f) ?? readFile.call(host, f);
    host.getSourceFile = (f, lang, ...rest) => (files.has(f) ? ts.createSourceFile(f, files.get(f)!, lang) : getSourceFile.call(host, f, lang, ...rest));
    const program = ts.createProgram([...files.keys()], options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const at = d.file && d.start !== undefined ? `${d.file.fileName.split('/').pop()}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1} ` : '';
      return at + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
    expect(diagnostics).toEqual([]);
  }, 120_000);
});

/** What an integrator writes: fields with server-side defaults left out, typed answers, typed problems. */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { components, operations, paths } from './api';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:8080/api', headers: { authorization: 'Bearer x' } });

export async function integrate(): Promise<void> {
  const created = await client.POST('/accounts', { body: { name: 'Kivimäki Logistics Oy' } });
  if (created.error) {
    const problem: components['schemas']['Problem'] = created.error;
    const field: string | undefined = problem.errors?.[0]?.field;
    void field;
    return;
  }
  const id: string = created.data.id;
  const tier: 'A' | 'B' | 'C' | 'D' = created.data.tier;
  // @ts-expect-error no answer carries the tenant
  void created.data.tenantId;

  const page = await client.GET('/accounts', { params: { query: { tier: 'A,B' } } });
  const total: number | undefined = page.data?.total;
  await client.GET('/accounts');
  await client.POST('/contacts', { body: { name: 'Sanna Saarinen', emails: ['Sanna@Kivimaki.fi'] } });
  await client.POST('/interactions', { body: { kind: 'call', accountIds: [id] } });
  await client.POST('/opportunities', { body: { accountId: id, name: 'Fleet renewal' } });
  await client.POST('/accounts/{id}/feedback', { params: { path: { id } }, body: { kind: 'nps', score: 9 } });
  const moved = await client.POST('/opportunities/{id}/stage', { params: { path: { id } }, body: { stage: 'offer' } });
  const weighted: number | undefined = moved.data?.weightedValue;
  // @ts-expect-error not a stage
  await client.POST('/opportunities/{id}/stage', { params: { path: { id } }, body: { stage: 'closed' } });

  const matched = await client.POST('/match', { body: { addresses: [{ address: 'sanna@kivimaki.fi' }] } });
  const accountName: string | undefined = matched.data?.accounts[0]?.name;
  const contactEmails: string[] | undefined = matched.data?.contacts[0]?.emails;
  const meeting = await client.GET('/meetings/by-chat/{chatId}', { params: { path: { chatId: '19:abc@thread.v2' } } });
  const occurrences: number | undefined = meeting.data?.occurrences;

  type Move = operations['moveOpportunityStage'];
  const moveStage: Move['requestBody'] extends { content: { 'application/json': { stage: string } } } ? true : false = true;
  void [tier, total, weighted, accountName, contactEmails, occurrences, moveStage];
}
`;
