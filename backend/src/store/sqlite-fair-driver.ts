// The single SQLite connection, handed out first come, first served, with the event loop turning after every
// transaction. better-sqlite3 is synchronous, so a transaction and everything queued behind it would otherwise run
// in one unbroken chain of promise callbacks: with many writers waiting, one turn of the event loop ran them all.
// libuv accepts one new connection per turn (libuv 1.45, Node 20), so under 100 writers a client connecting (or
// reconnecting) waited one whole turn, a quarter second and more, per connection ahead of it: 8-10 s for the last.
import { setImmediate as nextTurn } from 'node:timers';
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

type SqliteConfig = ConstructorParameters<typeof SqliteDialect>[0];

export class FairSqliteDialect extends SqliteDialect {
  readonly #config: SqliteConfig;

  constructor(config: SqliteConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new FairSqliteDriver(this.#config);
  }
}

/**
 * Kysely's driver with its lock in front: one holder at a time, waiters in arrival order (Kysely's own lock wakes
 * every waiter at each release and lets the quickest take it). Once this lock is held the driver's own is always
 * free, so it never waits there.
 */
export class FairSqliteDriver extends SqliteDriver {
  readonly #waiting: (() => void)[] = [];
  #held = false;
  #ranTransaction = false;

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#held = true;
    return super.acquireConnection();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    this.#ranTransaction = true;
    // Uncontended writers never queue here: the requests read in one turn each ran whole, one after the other,
    // before the loop polled again. Holding the connection, a writer now lets the turn finish first: the requests
    // read with it queue behind it, and the loop polls (accepts, reads) between one writer and the next.
    await new Promise<void>((resolve) => nextTurn(resolve));
    await super.beginTransaction(connection);
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.#waiting.shift();
    const afterTransaction = this.#ranTransaction;
    this.#ranTransaction = false;
    if (!next) {
      this.#held = false;
      return;
    }
    // Still held, now for next: nobody can slip in between. After a transaction the hand-over waits for the event
    // loop's next turn, so sockets are read and connections accepted between one writer and the next; a single
    // statement (a read) hands over at once, as before.
    if (afterTransaction) nextTurn(next);
    else next();
  }
}
