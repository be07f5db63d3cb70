// Caps on requests in flight: one for the whole app and one per mailbox (Graph's Outlook limit is 4 per app and mailbox).

/** A counting semaphore whose permits can be taken several at a time; waiters are served first come, first served. */
export class Semaphore {
  private used = 0;
  private readonly waiting: { weight: number; grant: () => void }[] = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  /** Permits in use now. */
  get inUse(): number {
    return this.used;
  }

  /** Callers queued for permits. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Waits for `weight` permits and resolves to their release function (calling it twice releases once). */
  async acquire(weight = 1): Promise<() => void> {
    if (!Number.isInteger(weight) || weight < 1 || weight > this.capacity) {
      throw new RangeError(`weight must be an integer from 1 to ${this.capacity}, got ${weight}`);
    }
    // Nobody jumps the queue, so a caller that needs many permits is not starved by a stream of single ones.
    if (this.waiting.length === 0 && this.used + weight <= this.capacity) {
      this.used += weight;
    } else {
      await new Promise<void>((grant) => this.waiting.push({ weight, grant }));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= weight;
      this.drain();
    };
  }

  private drain(): void {
    for (let head = this.waiting[0]; head && this.used + head.weight <= this.capacity; head = this.waiting[0]) {
      this.waiting.shift();
      this.used += head.weight;
      head.grant();
    }
  }
}

/** One semaphore per key (a mailbox), created on first use and forgotten when idle. */
export class KeyedSemaphore {
  private readonly byKey = new Map<string, Semaphore>();

  constructor(readonly capacity: number) {}

  /** Permits in use for `key` now. */
  inUse(key: string): number {
    return this.byKey.get(key)?.inUse ?? 0;
  }

  async acquire(key: string, weight = 1): Promise<() => void> {
    let semaphore = this.byKey.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.capacity);
      this.byKey.set(key, semaphore);
    }
    const release = await semaphore.acquire(weight);
    const own = semaphore;
    return () => {
      release();
      if (own.inUse === 0 && own.queued === 0 && this.byKey.get(key) === own) this.byKey.delete(key);
    };
  }
}
