// Many writers at once: each waits its turn in arrival order, and the server keeps accepting connections and
// reading requests between one writer's transaction and the next (the load test's 10 s waits, docs/benchmarks.md).
import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../test/support/tenant-database.ts';
import { inTransaction } from './scope.ts';
import { writeAudit } from './audit.ts';

const WRITERS = 40;

describe.each(testDatabases())('many writers at once on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');

  /** A use case's write: a transaction of a few statements, numbered in the order it was asked for. */
  const write = (n: number, started: number[], committed: number[]) =>
    inTransaction(a.scope, async (tx) => {
      started.push(n);
      await writeAudit(tx, { actorId: a.users.rep.id, action: 'interaction.log', entityType: 'interaction', entityId: `w${n}`, at: T0 });
      await writeAudit(tx, { actorId: a.users.rep.id, action: 'follow-up.set', entityType: 'interaction', entityId: `w${n}`, at: T0 });
    }).then(() => { committed.push(n); });

  // 'in one callback': the writers start together and queue at the connection. 'each in its own callback': like
  // requests read from many sockets in one turn, each would otherwise run whole, uncontended, before the next.
  it.each(['in one callback', 'each in its own callback'])('accepts a new connection while writers started %s wait, not after all of them', async (how) => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const started: number[] = [];
    const committed: number[] = [];
    let committedAtAccept = -1;
    server.once('connection', () => { committedAtAccept = committed.length; });
    try {
      // A salesperson's add-in connecting while the writers queue: one socket, accepted by the event loop.
      let client: ReturnType<typeof connect> | undefined;
      const open = () => (client = connect(port, '127.0.0.1'));
      const writes = Array.from({ length: WRITERS }, (_, n) => how === 'in one callback'
        ? write(n, started, committed)
        : new Promise<void>((resolve, reject) => setImmediate(() => {
          if (n === 0) open();
          write(n, started, committed).then(resolve, reject);
        })));
      if (how === 'in one callback') open();
      await Promise.all(writes);
      await new Promise((r) => setTimeout(r, 50));
      client!.on('error', () => {}); // the server closed it at once; only the accept is measured
      client!.destroy();
      expect(committed).toHaveLength(WRITERS);
      // Before: SQLite ran all 40 transactions in one turn of the event loop, and the connection waited for them.
      expect(committedAtAccept).toBeGreaterThanOrEqual(0);
      expect(committedAtAccept).toBeLessThan(WRITERS / 4);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  // SQLite only, so not registered for PostgreSQL (rather than skipped): its writers run side by side, there is no order to keep.
  if (database.name === 'sqlite') it('runs the writers one at a time, in the order they asked, one per turn of the event loop', async () => {
    const started: number[] = [];
    const committed: number[] = [];
    const perTurn: number[] = [];
    let running = true;
    let seen = 0;
    const turn = () => {
      perTurn.push(committed.length - seen);
      seen = committed.length;
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    await Promise.all(Array.from({ length: WRITERS }, (_, n) => write(n, started, committed)));
    running = false;
    perTurn.push(committed.length - seen); // what committed since the last turn the ticker saw
    const order = Array.from({ length: WRITERS }, (_, n) => n);
    expect(started).toEqual(order);
    expect(committed).toEqual(order);
    // A transaction may commit in the turn that handed it the connection and the next may start right after; never more.
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(2);
  });
});
