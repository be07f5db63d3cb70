// Two backend instances share the sync through pg-boss on one PostgreSQL; one is killed (-9) in the middle of a
// backfill. The other takes its streams over once their lease runs out (lease + the sweep + a poll), resumes at
// the last committed page, and the history ends as a single uninterrupted run leaves it: nothing lost or doubled.
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphEmulator, type GraphEmulator } from '../../backend/src/graph/emulator/index.ts';
import { createGraphClient } from '../../backend/src/graph/index.ts';
import { DEMO_ADDIN_ID } from '../../backend/src/config.ts';
import { openDb, type Db } from '../../backend/src/store/connect.ts';
import { migrateToLatest } from '../../backend/src/store/migrate.ts';
import { createAccount } from '../../backend/src/store/accounts.ts';
import { insertMailbox } from '../../backend/src/store/mailboxes.ts';
import { runSyncPass } from '../../backend/src/sync/run-sync-pass.ts';
import { mailboxStreams } from '../../backend/src/sync/streams.ts';
import { makeTenant } from '../support/fixtures.ts';

const url = process.env.SUHDE_TEST_DATABASE_URL;
if (!url) console.warn('[suhde tests] worker takeover suite skipped: two workers share passes through pg-boss, which needs PostgreSQL (SUHDE_TEST_DATABASE_URL; CI sets it).');

const root = new URL('../..', import.meta.url).pathname;
const DAY = 86_400_000;
/**
 * Long enough that a live pass on a loaded machine (load 20-30 on two cores) still commits within it: at 5 s, A's
 * own sweep saw its passes' leases run out between two commits and queued passes that took them over before the
 * kill, so the streams "A held" had other holders by then.
 */
const LEASE_MS = 20_000;
const SWEEP_MS = 1_000;
const POLL_MS = 500;
const PAGE_SIZE = 10;
const MESSAGES = 600;
const MEETINGS = 40;
/** Each colleague's inbox as prepare() fills it: every message in the first, two in three in the second. */
const INBOX_ITEMS: Record<string, number> = { 'mbx-0': MESSAGES, 'mbx-1': Math.floor((MESSAGES * 2) / 3) };
/** Pages of an inbox still to read when B starts: 15 s of Graph at GRAPH_WHILE_B_STARTS_MS, B's start many times. */
const PAGES_LEFT = 30;
/** Slow enough to keep A mid-stream, fast enough that A commits (and so keeps its lease) far more often than LEASE_MS. */
const GRAPH_WHILE_B_STARTS_MS = 500;
const tag = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function openSchema(schema: string): Promise<Db> {
  await admin(`CREATE SCHEMA ${schema}`);
  const handle = openDb({ kind: 'postgres', url: url!, schema, poolSize: 4 });
  await migrateToLatest(handle.db, { schema });
  return handle;
}

/** A tenant with two colleagues' mailboxes; the first call also fills the emulator (both runs read the same Graph). */
async function prepare(handle: Db, emulator: GraphEmulator, fill: boolean): Promise<string> {
  const tenant = await makeTenant(handle, 'suhde.example', 'Takeover Oy');
  await createAccount(tenant.scope, { name: 'Asiakas Oy', domains: ['asiakas.fi'], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, Date.now());
  const users = [tenant.users.rep, tenant.users.rep2];
  for (const [i, u] of users.entries()) {
    await insertMailbox(tenant.scope, { id: `mbx-${i}`, userId: u.id, address: u.email }, Date.now());
    if (fill) emulator.addMailbox(u.email, u.displayName);
  }
  if (fill) {
    for (let n = 0; n < MESSAGES; n++) {
      const message = { subject: `Tilaus ${n}`, internetMessageId: `<order-${n}@asiakas.fi>`, from: { address: `buyer${n % 7}@asiakas.fi`, name: 'Ostaja' }, to: users.map((u) => u.email), receivedAt: Date.now() - (n % 90) * DAY };
      emulator.store.addMessage(users[0]!.email, message);
      if (n % 3 !== 0) emulator.store.addMessage(users[1]!.email, message);
    }
    for (let n = 0; n < MEETINGS; n++) {
      const meeting = { subject: `Palaveri ${n}`, iCalUId: `ical-${n}`, start: Date.now() - n * DAY, end: Date.now() - n * DAY + 3_600_000, organizer: users[0]!.email, attendees: [users[1]!.email, 'buyer1@asiakas.fi'] };
      for (const u of users) emulator.store.addEvent(u.email, meeting);
    }
  }
  return tenant.tenantId;
}

/** Tenant-independent figures: interactions, holders (by email), participants and item refs. */
async function history(handle: Db) {
  const interactions = await handle.db.selectFrom('interactions').select(['external_key', 'deleted_at']).execute();
  const holders = await handle.db.selectFrom('interaction_holders as h').innerJoin('interactions as i', 'i.id', 'h.interaction_id')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'h.tenant_id').onRef('u.id', '=', 'h.user_id'))
    .select(['i.external_key', 'u.email']).execute();
  const refs = await handle.db.selectFrom('sync_item_refs').select(['mailbox_id']).execute();
  return {
    interactions: interactions.length,
    live: interactions.filter((r) => r.deleted_at === null).length,
    keys: new Set(interactions.map((r) => r.external_key)).size,
    holders: holders.map((h) => `${h.external_key} ${h.email.replace(/@.*/, '')}`).sort(),
    participants: Number((await handle.db.selectFrom('interaction_participants').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    itemRefs: refs.length,
  };
}

const streamsDone = async (handle: Db) => {
  const rows = await handle.db.selectFrom('sync_cursors').select(['delta_link', 'next_link', 'lease_owner']).execute();
  return rows.length === 6 && rows.every((r) => r.delta_link !== null && r.next_link === null && r.lease_owner === null);
};

describe.skipIf(!url)('a sync worker killed mid-pass on PostgreSQL', () => {
  const schema = `t_takeover_${tag}`;
  const referenceSchema = `t_takeref_${tag}`;
  const bossSchema = `pgboss_takeover_${tag}`;
  let emulator: GraphEmulator;
  let handle: Db;
  let reference: Db;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    emulator = await startGraphEmulator({ defaultPageSize: 10, latencyMs: 15 });
    handle = await openSchema(schema);
    reference = await openSchema(referenceSchema);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await handle?.close();
    await reference?.close();
    await emulator?.stop();
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${referenceSchema} CASCADE; DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
  });

  /** A worker process, loaded but idle until start(): its node and tsx start-up is paid before the test times anything. */
  function worker(name: string, concurrency: number) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sync/sync-worker-child.ts'], {
      cwd: root,
      env: {
        ...process.env, WORKER_DATABASE_URL: url, WORKER_SCHEMA: schema, WORKER_BOSS_SCHEMA: bossSchema, WORKER_GRAPH_URL: emulator.url,
        WORKER_LEASE_MS: String(LEASE_MS), WORKER_CONCURRENCY: String(concurrency),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    // Asked for when awaited, so a worker killed on purpose leaves no promise rejected unobserved.
    const said = (line: string) => new Promise<void>((resolve, reject) => {
      const check = () => {
        if (out.includes(`${line}\n`)) resolve();
        else if (child.exitCode !== null || child.signalCode !== null) reject(new Error(`worker ${name} exited (${child.exitCode ?? child.signalCode}) before it said "${line}":\n${out}`));
      };
      child.stdout!.on('data', check);
      child.on('exit', check);
      check();
    });
    return {
      child,
      loaded: () => said('loaded'),
      ready: () => said('ready'),
      start: () => child.stdin!.write('start\n'),
      output: () => out,
    };
  }

  /** Waits for a worker's line with a bound, failing with what it printed. */
  async function within<T>(what: string, ms: number, p: Promise<T>, output: () => string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms; its output:\n${output()}`)), ms); });
    try {
      return await Promise.race([p, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  it('takes the dead worker\'s streams over within lease + sweep + poll and ends as a single run does', async () => {
    const tenantId = await prepare(handle, emulator, true);
    const referenceTenant = await prepare(reference, emulator, false);

    // Both processes load first (seconds each on a busy machine); only A starts. Until B starts, every lease is A's.
    emulator.setLatency(250);
    // A runs two passes at a time, so it is mid-stream for a while. B has a worker for each of the six streams:
    // a takeover never waits for one of B's passes to end (on a loaded machine that took 10-20 s), which the
    // bound below does not count.
    const a = worker('A', 2);
    const b = worker('B', 6);
    await within('loading worker A', 60_000, a.loaded(), a.output);
    await within('loading worker B', 60_000, b.loaded(), b.output);
    a.start();
    await within('starting worker A', 60_000, a.ready(), a.output);
    // A mid-way through an inbox's first round, with many pages still to read: a page committed (so there is a
    // page to resume at) and at least PAGES_LEFT to go, which at a slow Graph outlasts B's start several times.
    const leases = async () => handle.db.selectFrom('sync_cursors').select(['mailbox_id', 'stream', 'lease_owner', 'next_link', 'delta_link']).where('lease_owner', 'is not', null).execute();
    const committed = async (mailboxId: string) =>
      Number((await handle.db.selectFrom('sync_item_refs').select((eb) => eb.fn.countAll().as('n')).where('mailbox_id', '=', mailboxId).where('stream', '=', 'mail:inbox').executeTakeFirstOrThrow()).n);
    const midInbox = async () => {
      for (const r of await leases()) {
        if (r.stream !== 'mail:inbox' || r.next_link === null || r.delta_link !== null) continue;
        const left = INBOX_ITEMS[r.mailbox_id]! - (await committed(r.mailbox_id));
        if (left >= PAGES_LEFT * PAGE_SIZE) return true;
      }
      return false;
    };
    await expect.poll(midInbox, { timeout: 60_000, interval: 20, message: `A never held an inbox with ${PAGES_LEFT} pages to go:\n${a.output()}` }).toBe(true);
    // Graph slows down while B starts, so A is still in the middle of its streams when it is killed.
    emulator.setLatency(GRAPH_WHILE_B_STARTS_MS);
    const ofA = await leases();
    const startedB = Date.now();
    b.start();
    await within('starting worker B', 60_000, b.ready(), b.output);
    const startupB = Date.now() - startedB;
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    await new Promise((r) => a.child.once('exit', r));
    emulator.setLatency(15);
    // The streams A left behind: held at its death by a pass of A's (its lease owner seen before B started). B
    // cannot have taken one over yet: A committed within the last page time, so its leases run a while longer.
    const atKill = await leases();
    const held = atKill.filter((r) => ofA.some((x) => x.mailbox_id === r.mailbox_id && x.stream === r.stream && x.lease_owner === r.lease_owner));
    const named = (rows: typeof ofA) => rows.map((r) => `${r.mailbox_id} ${r.stream} (${r.lease_owner?.slice(0, 8)})`).join(', ');
    expect(held.length, `A held no stream when it was killed: B took ${startupB} ms to start; A held ${named(ofA)} before, leases at the kill: ${named(atKill)}\nA:\n${a.output().slice(-3000)}\nB:\n${b.output().slice(-3000)}`).toBeGreaterThan(0);
    // Each was mid-round: a page in progress, or its first round not ended.
    for (const h of held) expect(h.next_link !== null || h.delta_link === null).toBe(true);

    // When does each stream A held get a new holder (or finish)?
    const takenOver = new Map<string, number>();
    const deadline = Date.now() + 90_000;
    while (takenOver.size < held.length && Date.now() < deadline) {
      const rows = await handle.db.selectFrom('sync_cursors').select(['mailbox_id', 'stream', 'lease_owner', 'delta_link', 'next_link']).execute();
      for (const h of held) {
        const key = `${h.mailbox_id} ${h.stream}`;
        const row = rows.find((r) => r.mailbox_id === h.mailbox_id && r.stream === h.stream)!;
        if (!takenOver.has(key) && (row.lease_owner !== h.lease_owner)) takenOver.set(key, Date.now());
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(takenOver.size, b.output()).toBe(held.length);
    await expect.poll(() => streamsDone(handle), { timeout: 90_000, interval: 200 }).toBe(true);
    const finishedAt = Date.now();
    // The lease ran from A's last page commit, at most LEASE_MS before the kill.
    const bound = LEASE_MS + SWEEP_MS + POLL_MS + 1_500;
    const takeover = Math.max(...takenOver.values()) - killedAt;
    console.log(`[takeover] B started in ${startupB} ms; A held ${held.map((h) => `${h.mailbox_id} ${h.stream}`).join(', ')}; taken over ${takeover} ms after the kill (lease ${LEASE_MS} ms, bound ${bound} ms); all streams done ${finishedAt - killedAt} ms after it`);
    expect(takeover).toBeLessThanOrEqual(bound);
    b.child.kill('SIGTERM');
    await new Promise((r) => b.child.once('exit', r));

    // The single uninterrupted run against the same Graph.
    const graph = createGraphClient({ baseUrl: emulator.url, authProvider: async () => 'takeover-test', addInId: DEMO_ADDIN_ID });
    for (const mailboxId of ['mbx-0', 'mbx-1']) {
      for (const stream of mailboxStreams(['inbox', 'sentitems'])) {
        const r = await runSyncPass({ handle: reference, graphFor: () => graph, pageSize: 10 }, { tenantId: referenceTenant, mailboxId, stream });
        expect(r.status).toBe('done');
      }
    }
    const got = await history(handle);
    const want = await history(reference);
    expect(want.interactions).toBe(MESSAGES + MEETINGS);
    expect(got).toEqual(want);
    expect(got.keys).toBe(got.interactions);
    expect(tenantId).not.toBe(referenceTenant);
  }, 240_000);
});
