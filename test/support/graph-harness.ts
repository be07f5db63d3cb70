// The Graph client suites' shared setup: one emulator for the file, a fresh mailbox per test, a client pointed at
// it, and a clock that records waits instead of sleeping them.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startGraphEmulator, type GraphEmulator, type GraphEmulatorOptions, type MailboxRecord } from '../../backend/src/graph/emulator/index.ts';
import { createGraphClient, type GraphClientOptions } from '../../backend/src/graph/graph-client.ts';
import type { DeltaPage } from '../../backend/src/graph/items.ts';

export interface GraphHarness {
  readonly emulator: GraphEmulator;
  /** A mailbox of its own for the running test. */
  readonly mailbox: MailboxRecord;
  client(overrides?: Partial<GraphClientOptions>): ReturnType<typeof createGraphClient>;
  fakeClock(): { waits: number[]; requestsAtWait: number[]; clock: { now(): number; sleep(ms: number): Promise<void> } };
}

/** Registers the hooks; call at the top of a suite file. */
export function graphHarness(options: GraphEmulatorOptions = {}): GraphHarness {
  let emulator: GraphEmulator;
  let mailbox: MailboxRecord;
  beforeAll(async () => {
    emulator = await startGraphEmulator({ checkToken: (t) => t === 'test-token', ...options });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    mailbox = emulator.addMailbox(`rep${Math.random().toString(36).slice(2, 8)}@suhde.example`);
    emulator.clearLog();
    emulator.faults.clear();
  });
  return {
    get emulator() {
      return emulator;
    },
    get mailbox() {
      return mailbox;
    },
    client: (overrides = {}) => createGraphClient({ baseUrl: emulator.url, authProvider: async () => 'test-token', random: () => 1, ...overrides }),
    fakeClock() {
      let now = Date.parse('2024-05-01T08:00:00Z');
      const waits: number[] = [];
      /** Requests the emulator had seen when each wait began. */
      const requestsAtWait: number[] = [];
      return {
        waits,
        requestsAtWait,
        clock: {
          now: () => now,
          sleep: async (ms: number) => {
            waits.push(ms);
            requestsAtWait.push(emulator.requests.length);
            now += ms;
          },
        },
      };
    },
  };
}

export async function collect<T>(pages: AsyncGenerator<DeltaPage<T>>) {
  const all: DeltaPage<T>[] = [];
  for await (const page of pages) all.push(page);
  const last = all[all.length - 1];
  return { pages: all, items: all.flatMap((p) => p.items), removedIds: all.flatMap((p) => p.removedIds), deltaLink: last?.deltaLink ?? null };
}
