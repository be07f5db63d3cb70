// Delta rounds and their state tokens: which items a round returns, and the opaque $skiptoken / $deltatoken that
// continue it. Tokens live here, server side, like Graph's token cache: expiring them makes the next use answer
// 410 syncStateNotFound ("Use delta query to track changes in Microsoft Graph data", Token duration).
import { randomBytes } from 'node:crypto';
import { eventJson, messageJson, removedJson, type Shape } from './representation.ts';
import type { EventRecord, GraphStore, MailboxRecord } from './store.ts';

export interface RoundParams {
  kind: 'messages' | 'events';
  mailboxId: string;
  folderId: string | null;
  /** calendarView window, epoch ms, [start, end). */
  window: { start: number; end: number } | null;
  /** $select and $expand as given on the round's first request: the tokens encode them. */
  select: string | undefined;
  expand: string | undefined;
  /** $top, also encoded in the tokens; Prefer: odata.maxpagesize overrides it per request. */
  top: number | null;
  /** The changeType custom query option of "message: delta". */
  changeType: 'created' | 'updated' | 'deleted' | null;
}

interface WorkItem {
  /** Immutable id. */
  id: string;
  /** The REST id the client knew the item by when the round began. */
  restIdBefore: string;
}

export interface Round {
  params: RoundParams;
  work: WorkItem[];
  /** Null for the initial (full) round. */
  sinceSeq: number | null;
  /** Changes after this belong to the next round. */
  upToSeq: number;
}

const token = () => randomBytes(24).toString('base64url');

type TokenState =
  | { type: 'skip'; round: Round; position: number }
  | { type: 'delta'; params: RoundParams; sinceSeq: number };

export class DeltaTokens {
  /** Insertion-ordered, so the oldest token is the first key. */
  private readonly tokens = new Map<string, TokenState>();

  /** `capacity`: tokens kept before the oldest are forgotten, as Graph's cache does for Outlook items. */
  constructor(private readonly capacity = Number.POSITIVE_INFINITY) {}

  issueSkip(round: Round, position: number): string {
    return this.issue({ type: 'skip', round, position });
  }

  issueDelta(params: RoundParams, sinceSeq: number): string {
    return this.issue({ type: 'delta', params, sinceSeq });
  }

  skipState(t: string): { round: Round; position: number } | undefined {
    const s = this.tokens.get(t);
    return s?.type === 'skip' ? s : undefined;
  }

  deltaState(t: string): { params: RoundParams; sinceSeq: number } | undefined {
    const s = this.tokens.get(t);
    return s?.type === 'delta' ? s : undefined;
  }

  /** Forgets every token (of one mailbox): their next use answers 410 syncStateNotFound. Returns how many. */
  expire(mailboxId?: string): number {
    let n = 0;
    for (const [t, s] of this.tokens) {
      const owner = s.type === 'skip' ? s.round.params.mailboxId : s.params.mailboxId;
      if (!mailboxId || owner === mailboxId) {
        this.tokens.delete(t);
        n++;
      }
    }
    return n;
  }

  get size(): number {
    return this.tokens.size;
  }

  private issue(state: TokenState): string {
    const t = token();
    this.tokens.set(t, state);
    while (this.tokens.size > this.capacity) {
      const oldest = this.tokens.keys().next();
      if (oldest.done) break;
      this.tokens.delete(oldest.value);
    }
    return t;
  }
}

function inWindow(e: EventRecord, window: { start: number; end: number } | null): boolean {
  // A calendar view holds single instances, occurrences and exceptions, never series masters.
  return !!window && e.type !== 'seriesMaster' && e.start < window.end && e.end > window.start;
}

/** The items a round will page through: everything in scope (initial) or everything changed since the token. */
export function startRound(store: GraphStore, mailbox: MailboxRecord, params: RoundParams, sinceSeq: number | null): Round {
  const upToSeq = store.currentSeq;
  let work: WorkItem[];
  if (sinceSeq === null) {
    work =
      params.kind === 'messages'
        ? [...mailbox.messages.values()].filter((m) => !m.deleted && m.folderId === params.folderId).map((m) => ({ id: m.id, restIdBefore: m.restId }))
        : [...mailbox.events.values()]
            .filter((e) => !e.deleted && inWindow(e, params.window))
            .sort((a, b) => a.start - b.start)
            .map((e) => ({ id: e.id, restIdBefore: e.restId }));
  } else {
    // Each changed item once, in the order of its latest change, known by the REST id it had at the token.
    const changed = new Map<string, string>();
    let lo = 0;
    let hi = mailbox.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((mailbox.log[mid]?.seq ?? 0) <= sinceSeq) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < mailbox.log.length; i++) {
      const entry = mailbox.log[i];
      if (!entry || entry.seq > upToSeq) break;
      const relevant = params.kind === 'messages' ? entry.kind === 'message' && entry.folders.includes(params.folderId ?? '') : entry.kind === 'event';
      if (!relevant) continue;
      const restIdBefore = changed.get(entry.id) ?? entry.restIdBefore;
      changed.delete(entry.id);
      changed.set(entry.id, restIdBefore);
    }
    work = [...changed].map(([id, restIdBefore]) => ({ id, restIdBefore }));
  }
  return { params, work, sinceSeq, upToSeq };
}

/** Renders up to `pageSize` entries from `position`; `next` is null when the round is done. */
export function renderPage(mailbox: MailboxRecord, round: Round, position: number, pageSize: number, shape: Shape): { value: unknown[]; next: number | null } {
  const { params, sinceSeq } = round;
  const value: unknown[] = [];
  let i = position;
  for (; i < round.work.length && value.length < pageSize; i++) {
    const item = round.work[i];
    if (!item) continue;
    const removedId = shape.ids === 'immutable' ? item.id : item.restIdBefore;
    if (params.kind === 'messages') {
      const m = mailbox.messages.get(item.id);
      const present = !!m && !m.deleted && m.folderId === params.folderId;
      if (sinceSeq !== null && params.changeType) {
        const kind = !present ? 'deleted' : (m?.createdSeq ?? 0) > sinceSeq ? 'created' : 'updated';
        if (kind !== params.changeType) continue;
      }
      value.push(present && m ? messageJson(m, shape, true) : removedJson('message', removedId));
    } else {
      // "event: delta": events deleted in the range, and events added, changed or deleted outside it, come back
      // under @removed with the reason deleted.
      const e = mailbox.events.get(item.id);
      const present = !!e && !e.deleted && inWindow(e, params.window);
      value.push(present && e ? eventJson(e, shape, true) : removedJson('event', removedId));
    }
  }
  return { value, next: i < round.work.length ? i : null };
}
