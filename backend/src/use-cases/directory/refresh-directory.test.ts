// Reading the directory from the Graph emulator on both databases: verified domains and every alias stored
// canonical, a refresh replacing what changed, the daily job skipping a fresh copy, and a failed read kept apart.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { makeTenant, type FixtureTenant } from '../../../../test/support/fixtures.ts';
import { startGraphEmulator, type GraphEmulator } from '../../graph/emulator/index.ts';
import { createGraphClient, type GraphClient } from '../../graph/index.ts';
import type { Db } from '../../store/connect.ts';
import { directoryAddressesByAddresses, getDirectoryState } from '../../store/directory.ts';
import { insertMailbox } from '../../store/mailboxes.ts';
import { refreshStaleDirectories } from '../../sync/refresh-directories.ts';
import { DIRECTORY_REFRESH_MS, refreshDirectory } from './refresh-directory.ts';

describe.each(testDatabases())('refreshDirectory on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let emulator: GraphEmulator;
  let graph: GraphClient;
  let a: FixtureTenant;
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
  });
  afterAll(async () => dispose());
  beforeEach(async () => {
    a = await makeTenant(handle, `t${Math.random().toString(36).slice(2, 8)}.fi`);
    emulator = await startGraphEmulator();
    graph = createGraphClient({ baseUrl: emulator.url, authProvider: async () => 'test-token', maxRetries: 0 });
  });
  afterEach(() => emulator.stop());

  it('stores the verified domains and every address of every user, canonical, and replaces stale entries', async () => {
    const rep = a.users.rep;
    const mbx = emulator.store.addMailbox({ userPrincipalName: rep.email, displayName: rep.displayName, id: rep.entraObjectId });
    emulator.store.addAlias(mbx.id, 'Rep@XN--JRVI-LOA.fi');
    emulator.store.addAlias(mbx.id, 'rep@contoso.onmicrosoft.com');
    const pekka = emulator.addMailbox('pekka@järvi.fi', 'Pekka');
    const snap = await refreshDirectory(a.scope, graph, 1000);
    expect(snap.domains.map((d) => d.domain).sort()).toEqual(['contoso.onmicrosoft.com', rep.email.split('@')[1], 'järvi.fi'].sort());
    expect(snap.users).toBe(2);
    const known = await directoryAddressesByAddresses(a.scope, [rep.email, 'rep@järvi.fi', 'rep@contoso.onmicrosoft.com', 'pekka@järvi.fi', 'nobody@järvi.fi']);
    expect(Object.fromEntries(known)).toEqual({ [rep.email]: rep.id, 'rep@järvi.fi': rep.id, 'rep@contoso.onmicrosoft.com': rep.id, 'pekka@järvi.fi': null });

    // The alias and Pekka leave the directory: the next refresh forgets them.
    mbx.aliases.splice(mbx.aliases.indexOf('rep@contoso.onmicrosoft.com'), 1);
    emulator.store.mailbox(pekka.id).aliases.push('pekka@still.fi');
    await refreshDirectory(a.scope, graph, 2000);
    const after = await directoryAddressesByAddresses(a.scope, ['rep@contoso.onmicrosoft.com', 'rep@järvi.fi', 'pekka@still.fi']);
    expect([...after.keys()].sort()).toEqual(['pekka@still.fi', 'rep@järvi.fi']);
    const state = await getDirectoryState(a.scope);
    expect(state).toMatchObject({ refreshedAt: 2000, users: 2 });
    expect(state.domains.map((d) => d.domain)).not.toContain('contoso.onmicrosoft.com');
  });

  it('the job reads a directory only when it is a day old, and a failed read keeps the stored copy', async () => {
    emulator.store.addMailbox({ userPrincipalName: a.users.rep.email, id: a.users.rep.entraObjectId });
    await insertMailbox(a.scope, { id: `mbx-${a.tenantId}`, userId: a.users.rep.id, address: a.users.rep.email }, 0);
    const lines: string[] = [];
    let now = 10_000;
    const deps = { handle, graphFor: () => graph, now: () => now, log: (l: string) => lines.push(l) };
    const mine = async () => (await getDirectoryState(a.scope)).refreshedAt;
    await refreshStaleDirectories(deps);
    expect(await mine()).toBe(10_000);
    now += DIRECTORY_REFRESH_MS - 1;
    await refreshStaleDirectories(deps);
    expect(await mine()).toBe(10_000);
    now += 1;
    emulator.inject({ status: 503, count: 20 });
    await refreshStaleDirectories(deps);
    expect(await mine()).toBe(10_000);
    expect(lines.some((l) => l.includes(a.tenantId) && l.includes('failed'))).toBe(true);
  });
});
