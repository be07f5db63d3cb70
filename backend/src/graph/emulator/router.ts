// The emulator's request handling below /v1.0: the routes Suhde uses, $batch, and the guards every request passes
// (injected faults, the per-mailbox concurrency limit, latency). Transport-free: the server feeds it requests.
import { DeltaTokens, renderPage, startRound, type Round, type RoundParams } from './delta-tokens.ts';
import { Faults, MailboxConcurrency } from './faults.ts';
import {
  graphError, json, parsePrefer, pathSegments, queryOptions, wantsImmutableIds, type EmulatorResponse,
} from './odata.ts';
import { eventJson, folderJson, isShape, messageJson, parseShape, userJson, type IdFormat } from './representation.ts';
import type { GraphStore, MailboxRecord } from './store.ts';
import type { Subscriptions } from './subscriptions.ts';
import { getOrganization, listUsers } from './directory.ts';
import type { ActivityFeed } from './activity-feed.ts';

export interface EmulatorRequest {
  method: string;
  /** The path below /v1.0, e.g. /users/{id}/mailFolders/inbox/messages/delta. */
  path: string;
  /** The query string, with or without its leading "?". */
  search: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: unknown;
  inBatch: boolean;
  /** The mailbox /me means, when the token is delegated for one. */
  me: MailboxRecord | null;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  query: string;
  /** The mailbox the request was about, by id. */
  mailboxId: string | null;
  status: number | 'dropped';
  inBatch: boolean;
  immutableIds: boolean;
}

export interface RouterDeps {
  store: GraphStore;
  tokens: DeltaTokens;
  faults: Faults;
  concurrency: MailboxConcurrency;
  subscriptions: Subscriptions;
  activityFeed: ActivityFeed;
  tenantId: string;
  /** e.g. http://127.0.0.1:PORT/v1.0: what links are written against. */
  root: () => string;
  latencyMs: () => number;
  defaultPageSize: number;
  log: (entry: RequestLogEntry) => void;
}

/** "Combine multiple HTTP requests using JSON batching": at most 20 requests, and Graph runs up to 4 of them at once. */
const BATCH_LIMIT = 20;
const BATCH_PARALLELISM = 4;
const MAX_PAGE_SIZE = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const notFound = () => graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
const expiredToken = () =>
  graphError(410, 'syncStateNotFound', 'The sync state generation is not found. The delta token is expired and data must be synchronized again.');

/** A tiny counting limiter for a batch's parallel requests. */
function limiter(capacity: number): () => Promise<() => void> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async () => {
    if (active >= capacity) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    return () => {
      active--;
      queue.shift()?.();
    };
  };
}

export function createRouter(deps: RouterDeps) {
  const { store, tokens, faults, concurrency, subscriptions } = deps;

  function pageSizeFor(prefer: Map<string, string>, round: Round): { size: number; applied: boolean } {
    const preferred = Number(prefer.get('odata.maxpagesize'));
    if (Number.isInteger(preferred) && preferred > 0) return { size: Math.min(preferred, MAX_PAGE_SIZE), applied: true };
    return { size: Math.min(round.params.top ?? deps.defaultPageSize, MAX_PAGE_SIZE), applied: false };
  }

  /** Resolves $skiptoken / $deltatoken, or starts a round from `initial` when there is neither. */
  function roundFor(q: Map<string, string>, matches: (p: RoundParams) => boolean, mailbox: MailboxRecord, initial: () => RoundParams | EmulatorResponse):
    { round: Round; position: number } | EmulatorResponse {
    const skip = q.get('$skiptoken');
    const delta = q.get('$deltatoken');
    if (skip !== undefined) {
      const state = tokens.skipState(skip);
      if (!state) return expiredToken();
      if (!matches(state.round.params)) return graphError(400, 'BadRequest', 'The $skiptoken does not belong to this collection.');
      return state;
    }
    if (delta !== undefined) {
      const state = tokens.deltaState(delta);
      if (!state) return expiredToken();
      if (!matches(state.params)) return graphError(400, 'BadRequest', 'The $deltatoken does not belong to this collection.');
      return { round: startRound(store, mailbox, state.params, state.sinceSeq), position: 0 };
    }
    const params = initial();
    if ('status' in params) return params;
    return { round: startRound(store, mailbox, params, null), position: 0 };
  }

  function deltaResponse(round: Round, position: number, ids: IdFormat, prefer: Map<string, string>, link: string, type: 'message' | 'event'): EmulatorResponse {
    const shape = type === 'message' ? parseShape('message', ids, round.params.select, round.params.expand) : { ids, select: null, expandProperties: [] };
    if (!isShape(shape)) return shape;
    const mailbox = store.mailbox(round.params.mailboxId);
    const { size, applied } = pageSizeFor(prefer, round);
    const { value, next } = renderPage(mailbox, round, position, size, shape);
    const body: Record<string, unknown> = { '@odata.context': `${deps.root()}/$metadata#Collection(${type})` };
    if (next !== null) body['@odata.nextLink'] = `${link}?$skiptoken=${tokens.issueSkip(round, next)}`;
    else body['@odata.deltaLink'] = `${link}?$deltatoken=${tokens.issueDelta(round.params, round.upToSeq)}`;
    body.value = deps.faults.rewriteItems(value);
    return json(200, body, applied ? { 'Preference-Applied': `odata.maxpagesize=${size}` } : {});
  }

  function messageDelta(mailbox: MailboxRecord, folderRef: string, q: Map<string, string>, prefer: Map<string, string>): EmulatorResponse {
    const folder = store.findFolder(mailbox, folderRef);
    if (!folder) return notFound();
    const ids: IdFormat = wantsImmutableIds(prefer) ? 'immutable' : 'rest';
    const found = roundFor(q, (p) => p.kind === 'messages' && p.mailboxId === mailbox.id && p.folderId === folder.id, mailbox, () => {
      const top = q.get('$top');
      if (top !== undefined && !/^[1-9]\d*$/.test(top)) return graphError(400, 'BadRequest', `Invalid $top value '${top}'.`);
      const changeType = q.get('changetype');
      if (changeType !== undefined && !['created', 'updated', 'deleted'].includes(changeType)) {
        return graphError(400, 'BadRequest', `Invalid changeType '${changeType}'.`);
      }
      for (const unsupported of ['$search', '$skip']) {
        if (q.has(unsupported)) return graphError(400, 'BadRequest', `${unsupported} is not supported with change tracking on messages.`);
      }
      const shape = parseShape('message', ids, q.get('$select'), q.get('$expand'));
      if (!isShape(shape)) return shape;
      return {
        kind: 'messages', mailboxId: mailbox.id, folderId: folder.id, window: null, select: q.get('$select'), expand: q.get('$expand'),
        top: top === undefined ? null : Number(top), changeType: (changeType as RoundParams['changeType']) ?? null,
      };
    });
    if ('status' in found) return found;
    // Graph writes its links with the key syntax: .../mailfolders('{id}')/messages/delta?$skiptoken=...
    const link = `${deps.root()}/users/${mailbox.id}/mailFolders('${folder.id}')/messages/delta`;
    return deltaResponse(found.round, found.position, ids, prefer, link, 'message');
  }

  function eventDelta(mailbox: MailboxRecord, q: Map<string, string>, prefer: Map<string, string>): EmulatorResponse {
    const ids: IdFormat = wantsImmutableIds(prefer) ? 'immutable' : 'rest';
    const found = roundFor(q, (p) => p.kind === 'events' && p.mailboxId === mailbox.id, mailbox, () => {
      // "event: delta": $select is not supported on a calendarView, nor $expand, $filter, $orderby, $search.
      for (const unsupported of ['$select', '$expand', '$filter', '$orderby', '$search']) {
        if (q.has(unsupported)) return graphError(400, 'BadRequest', `${unsupported} is not supported with change tracking on calendarView.`);
      }
      const start = Date.parse(q.get('startdatetime') ?? '');
      const end = Date.parse(q.get('enddatetime') ?? '');
      if (!Number.isFinite(start) || !Number.isFinite(end)) {
        return graphError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
      }
      return { kind: 'events', mailboxId: mailbox.id, folderId: null, window: { start, end }, select: undefined, expand: undefined, top: null, changeType: null };
    });
    if ('status' in found) return found;
    return deltaResponse(found.round, found.position, ids, prefer, `${deps.root()}/users/${mailbox.id}/calendarView/delta`, 'event');
  }

  function getMessage(mailbox: MailboxRecord, id: string, folderRef: string | null, q: Map<string, string>, prefer: Map<string, string>): EmulatorResponse {
    const m = store.findMessage(mailbox, id);
    if (!m) return notFound();
    if (folderRef !== null && store.findFolder(mailbox, folderRef)?.id !== m.folderId) return notFound();
    const shape = parseShape('message', wantsImmutableIds(prefer) ? 'immutable' : 'rest', q.get('$select'), q.get('$expand'));
    if (!isShape(shape)) return shape;
    return json(200, { '@odata.context': `${deps.root()}/$metadata#users('${mailbox.id}')/messages/$entity`, ...messageJson(m, shape) });
  }

  function getEvent(mailbox: MailboxRecord, id: string, q: Map<string, string>, prefer: Map<string, string>): EmulatorResponse {
    const e = store.findEvent(mailbox, id);
    if (!e) return notFound();
    const shape = parseShape('event', wantsImmutableIds(prefer) ? 'immutable' : 'rest', q.get('$select'), undefined);
    if (!isShape(shape)) return shape;
    return json(200, { '@odata.context': `${deps.root()}/$metadata#users('${mailbox.id}')/events/$entity`, ...eventJson(e, shape) });
  }

  async function handle(req: EmulatorRequest, seg: string[], mailbox: MailboxRecord | null): Promise<EmulatorResponse> {
    const lower = seg.map((s) => s.toLowerCase());
    const q = queryOptions(req.search);
    const prefer = parsePrefer(req.headers.prefer);
    const method = req.method.toUpperCase();
    const notAllowed = () => graphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
    const unknown = () => graphError(400, 'BadRequest', `Resource not found for the segment '${seg[seg.length - 1] ?? ''}'.`);

    if (lower[0] === 'subscriptions') {
      const id = seg[1];
      if (id === undefined) {
        if (method === 'POST') return subscriptions.create(req.body, { immutableIds: wantsImmutableIds(prefer), me: req.me });
        if (method === 'GET') return json(200, { '@odata.context': `${deps.root()}/$metadata#subscriptions`, value: subscriptions.list().map((s) => subscriptions.toJson(s)) });
        return notAllowed();
      }
      if (lower.length === 3 && lower[2] === 'reauthorize') return method === 'POST' ? subscriptions.reauthorize(id) : notAllowed();
      if (lower.length !== 2) return unknown();
      if (method === 'GET') {
        const s = subscriptions.get(id);
        return s ? json(200, { '@odata.context': `${deps.root()}/$metadata#subscriptions/$entity`, ...subscriptions.toJson(s) }) : graphError(404, 'ResourceNotFound', 'The object was not found.');
      }
      if (method === 'PATCH') return subscriptions.renew(id, req.body);
      if (method === 'DELETE') return subscriptions.remove(id);
      return notAllowed();
    }

    if (lower.length === 1 && lower[0] === 'organization') return method === 'GET' ? getOrganization(store, deps.root(), deps.tenantId, q) : notAllowed();
    if (lower.length === 1 && lower[0] === 'users') return method === 'GET' ? listUsers(store, deps.root(), q) : notAllowed();
    if (!mailbox) return unknown();
    const rest = lower[0] === 'me' ? lower.slice(1) : lower.slice(2);
    const raw = lower[0] === 'me' ? seg.slice(1) : seg.slice(2);
    const isDelta = (s: string | undefined) => s === 'delta' || s === 'microsoft.graph.delta';
    if (rest[0] === 'teamwork' && rest.length === 2 && (rest[1] === 'sendactivitynotification' || rest[1] === 'microsoft.graph.sendactivitynotification')) {
      return method === 'POST' ? deps.activityFeed.send(mailbox, req.body, Date.now()) : notAllowed();
    }
    if (method !== 'GET') return notAllowed();
    if (rest.length === 0) return json(200, { '@odata.context': `${deps.root()}/$metadata#users/$entity`, ...userJson(mailbox) });
    if (rest[0] === 'mailfolders') {
      if (rest.length === 1) {
        const folders = [...mailbox.folders.values()].filter((f) => f.wellKnownName !== 'msgfolderroot');
        return json(200, { '@odata.context': `${deps.root()}/$metadata#users('${mailbox.id}')/mailFolders`, value: folders.map((f) => folderJson(mailbox, f)) });
      }
      const folderRef = raw[1] ?? '';
      if (rest.length === 2) {
        const folder = store.findFolder(mailbox, folderRef);
        return folder ? json(200, { '@odata.context': `${deps.root()}/$metadata#users('${mailbox.id}')/mailFolders/$entity`, ...folderJson(mailbox, folder) }) : notFound();
      }
      if (rest[2] === 'messages' && rest.length === 4 && isDelta(rest[3])) return messageDelta(mailbox, folderRef, q, prefer);
      if (rest[2] === 'messages' && rest.length === 4) return getMessage(mailbox, raw[3] ?? '', folderRef, q, prefer);
      return unknown();
    }
    if (rest[0] === 'messages' && rest.length === 2) return getMessage(mailbox, raw[1] ?? '', null, q, prefer);
    if (rest[0] === 'events' && rest.length === 2) return getEvent(mailbox, raw[1] ?? '', q, prefer);
    if (rest[0] === 'calendarview' && rest.length === 2 && isDelta(rest[1])) return eventDelta(mailbox, q, prefer);
    return unknown();
  }

  /** One request through the guards: faults, the mailbox's concurrency limit, latency; then the route. */
  async function dispatch(req: EmulatorRequest): Promise<EmulatorResponse | 'drop'> {
    const seg = pathSegments(req.path);
    const first = seg[0]?.toLowerCase();
    let mailbox: MailboxRecord | null = null;
    if (first === 'users' && seg[1] !== undefined) {
      mailbox = store.findMailbox(seg[1]) ?? null;
    } else if (first === 'me') {
      mailbox = req.me;
    }
    const entry: RequestLogEntry = {
      at: Date.now(), method: req.method, path: req.path, query: req.search.replace(/^\?/, ''), mailboxId: mailbox?.id ?? null,
      status: 0, inBatch: req.inBatch, immutableIds: wantsImmutableIds(parsePrefer(req.headers.prefer)),
    };
    deps.log(entry);
    const finish = (response: EmulatorResponse | 'drop') => {
      entry.status = response === 'drop' ? 'dropped' : response.status;
      return response;
    };
    const fault = faults.take({ inBatch: req.inBatch, mailboxId: mailbox?.id ?? null, path: req.path });
    if (fault) return finish(fault === 'drop' && req.inBatch ? graphError(504, 'GatewayTimeout', 'The gateway did not receive a timely response.') : fault);
    if ((first === 'users' && seg[1] !== undefined) || first === 'me') {
      if (!mailbox) return finish(graphError(404, 'ErrorInvalidUser', `The requested user '${seg[1] ?? 'me'}' is invalid.`));
    }
    const slot = mailbox ? concurrency.enter(mailbox.id) : null;
    try {
      if (slot?.refusal) return finish(slot.refusal);
      const latency = deps.latencyMs();
      if (latency > 0) await sleep(latency);
      return finish(await handle(req, seg, mailbox));
    } finally {
      slot?.exit();
    }
  }

  async function batch(req: EmulatorRequest): Promise<EmulatorResponse> {
    const body = req.body as { requests?: unknown } | null;
    if (!body || !Array.isArray(body.requests)) return graphError(400, 'BadRequest', 'Invalid batch payload format.');
    const requests = body.requests as Record<string, unknown>[];
    if (requests.length > BATCH_LIMIT) {
      return graphError(400, 'BadRequest', `Invalid batch payload: the batch contains ${requests.length} requests; the limit is ${BATCH_LIMIT}.`);
    }
    const byId = new Map<string, Record<string, unknown>>();
    for (const r of requests) {
      if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string') {
        return graphError(400, 'BadRequest', 'Each batch request needs an id, a method and a url.');
      }
      // Ids are not case-sensitive and must be unique.
      if (byId.has(r.id.toLowerCase())) return graphError(400, 'BadRequest', `Batch request id '${r.id}' is used more than once.`);
      byId.set(r.id.toLowerCase(), r);
    }
    const deps_ = (r: Record<string, unknown>) => (Array.isArray(r.dependsOn) ? (r.dependsOn as unknown[]).map((d) => String(d).toLowerCase()) : []);
    for (const r of requests) {
      for (const d of deps_(r)) if (!byId.has(d)) return graphError(400, 'BadRequest', `Batch request '${String(r.id)}' depends on unknown request '${d}'.`);
    }
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cyclic = (id: string): boolean => {
      if (done.has(id)) return false;
      if (visiting.has(id)) return true;
      visiting.add(id);
      const found = deps_(byId.get(id) ?? {}).some(cyclic);
      visiting.delete(id);
      done.add(id);
      return found;
    };
    if ([...byId.keys()].some(cyclic)) return graphError(400, 'BadRequest', 'Batch requests have circular dependencies.');

    const acquire = limiter(BATCH_PARALLELISM);
    const results = new Map<string, Promise<EmulatorResponse>>();
    const responses: Record<string, unknown>[] = [];
    const run = (key: string): Promise<EmulatorResponse> => {
      let p = results.get(key);
      if (p) return p;
      const r = byId.get(key) as Record<string, unknown>;
      p = (async () => {
        const before = await Promise.all(deps_(r).map(run));
        // "If an individual request fails, any request that depends on that request fails with status code 424."
        if (before.some((b) => b.status >= 400)) return graphError(424, 'FailedDependency', 'The request depends on a request that failed.');
        const url = String(r.url);
        if (/^[a-z]+:\/\//i.test(url)) return graphError(400, 'BadRequest', 'Batch request urls must be relative to the version root.');
        const relative = new URL(url.startsWith('/') ? url : `/${url}`, 'http://batch.invalid');
        const headers = Object.fromEntries(
          Object.entries((r.headers as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
        );
        const release = await acquire();
        try {
          const answer = await dispatch({ method: String(r.method), path: relative.pathname, search: relative.search, headers, body: r.body ?? null, inBatch: true, me: req.me });
          return answer === 'drop' ? graphError(504, 'GatewayTimeout', 'The gateway did not receive a timely response.') : answer;
        } finally {
          release();
        }
      })();
      results.set(key, p);
      // Answers are listed as they complete: "Individual responses might appear in a different order than the requests."
      void p.then((answer) => responses.push({ id: r.id, status: answer.status, headers: answer.headers, ...(answer.body === null ? {} : { body: answer.body }) }));
      return p;
    };
    await Promise.all([...byId.keys()].map(run));
    await Promise.resolve();
    return json(200, { responses });
  }

  return { dispatch, batch };
}
