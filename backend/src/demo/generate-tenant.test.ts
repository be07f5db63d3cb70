import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { getDomain } from 'tldts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS, STAGES, type Interaction } from '../domain/types.ts';
import {
  BENCH_SCALE, DEMO_ENTRA_TENANT_ID, DEMO_MAIL_DOMAIN, DEMO_SCALE, DEMO_SEED, DEMO_USERS, generateTenant, PRODUCT_CATALOGUE,
} from './generate-tenant.ts';
import { helsinkiDate, isWorkingTime } from './helsinki-time.ts';

// The package's full list of public and disposable mailbox domains (it ships no types, so read the JSON).
const PUBLIC_PROVIDERS = new Set<string>(createRequire(import.meta.url)('email-providers/all.json') as string[]);

const NOW = Date.UTC(2026, 10, 20, 10, 0); // Friday 20 November 2026, 12:00 in Helsinki
const demo = generateTenant({ seed: DEMO_SEED, now: NOW, scale: DEMO_SCALE });
const interactions = [...demo.interactions];
const isReply = (i: Interaction) => /^(RE|VS): /.test(i.subject ?? '');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('generateTenant: determinism', () => {
  it('returns deep-equal output for the same seed and now, and re-iterates the same interactions', () => {
    const again = generateTenant({ seed: DEMO_SEED, now: NOW, scale: DEMO_SCALE });
    const { interactions: a, ...restA } = demo;
    const { interactions: b, ...restB } = again;
    expect(restB).toEqual(restA);
    expect([...b]).toEqual(interactions);
    expect([...a]).toEqual(interactions);
  });

  it('differs for a different seed, and for a different now', () => {
    const other = generateTenant({ seed: DEMO_SEED + 1, now: NOW, scale: DEMO_SCALE });
    expect(other.tenant.id).not.toBe(demo.tenant.id);
    expect(other.accounts.map((a) => a.name)).not.toEqual(demo.accounts.map((a) => a.name));
    const first = other.interactions[Symbol.iterator]().next().value as Interaction;
    expect(first.id).not.toBe(interactions[0]!.id);
    const later = generateTenant({ seed: DEMO_SEED, now: NOW + 7 * DAY_MS, scale: DEMO_SCALE });
    expect(later.accounts.map((a) => a.name)).toEqual(demo.accounts.map((a) => a.name));
    expect(Math.max(...[...later.interactions].map((i) => i.occurredAt))).toBeGreaterThan(NOW);
  });

  it('honours the given tenant and Entra ids', () => {
    const t = generateTenant({ seed: 1, now: NOW, scale: { ...DEMO_SCALE, accounts: 5 }, tenantId: 'tenant-x', entraTenantId: 'entra-x' });
    expect(t.tenant).toMatchObject({ id: 'tenant-x', entraTenantId: 'entra-x' });
    expect(t.users.every((u) => u.tenantId === 'tenant-x')).toBe(true);
    expect([...t.interactions].every((i) => i.tenantId === 'tenant-x')).toBe(true);
  });
});

describe('generateTenant: the demo tenant', () => {
  it('is the fictional Finnish seller with its fixed directory and people', () => {
    expect(demo.tenant.entraTenantId).toBe(DEMO_ENTRA_TENANT_ID);
    expect(demo.tenant.settings.internalDomains).toEqual([DEMO_MAIL_DOMAIN]);
    expect(demo.tenant.settings.cadenceDays).toEqual(DEFAULT_TENANT_SETTINGS.cadenceDays);
    expect(demo.users.map((u) => [u.displayName, u.email, u.role, u.team, u.entraObjectId])).toEqual(
      DEMO_USERS.map((u) => [u.displayName, u.email, u.role, u.team, u.entraObjectId]),
    );
    expect(demo.users.filter((u) => u.role === 'rep')).toHaveLength(8);
    expect(demo.users.filter((u) => u.role === 'manager')).toHaveLength(2);
    expect(demo.users.filter((u) => u.role === 'admin')).toHaveLength(1);
    expect(new Set(DEMO_USERS.map((u) => u.entraObjectId)).size).toBe(DEMO_USERS.length);
  });

  it('has the expected counts', () => {
    expect(demo.accounts).toHaveLength(60);
    const tiers = Object.fromEntries(['A', 'B', 'C', 'D'].map((t) => [t, demo.accounts.filter((a) => a.tier === t).length]));
    expect(tiers).toEqual({ A: 8, B: 15, C: 25, D: 12 });
    expect(demo.contacts).toHaveLength(390);
    const perAccount = demo.accounts.map((a) => demo.contacts.filter((c) => c.accountId === a.id).length);
    expect(Math.min(...perAccount)).toBeGreaterThanOrEqual(1);
    expect(interactions.length).toBe(demo.interactionCount);
    expect(interactions.length).toBeGreaterThan(1500);
    expect(interactions.length).toBeLessThan(6000);
    expect(demo.opportunities.length).toBeGreaterThan(40);
    expect(demo.feedback.length).toBeGreaterThan(20);
    for (const kind of ['email', 'meeting', 'call', 'note', 'chat']) expect(interactions.some((i) => i.kind === kind), kind).toBe(true);
  });

  it('keeps lifecycles consistent with tiers and every account owned by a rep', () => {
    const reps = new Set(demo.users.filter((u) => u.role === 'rep').map((u) => u.id));
    for (const a of demo.accounts) {
      expect(reps.has(a.ownerId!)).toBe(true);
      if (a.tier === 'A') expect(['customer', 'key_account']).toContain(a.lifecycle);
    }
    expect(demo.accounts.filter((a) => a.tier === 'A' && a.lifecycle === 'key_account').length).toBeGreaterThanOrEqual(4);
    expect(demo.accounts.some((a) => a.tier === 'D' && (a.lifecycle === 'prospect' || a.lifecycle === 'former'))).toBe(true);
  });

  it('uses registrable, lower-case, unique company domains that are never public mailbox providers', () => {
    const all = demo.accounts.flatMap((a) => a.domains);
    expect(new Set(all).size).toBe(all.length);
    for (const d of all) {
      expect(d).toBe(d.toLowerCase());
      expect(getDomain(d)).toBe(d);
      expect(PUBLIC_PROVIDERS.has(d), d).toBe(false);
      expect(d).not.toBe(DEMO_MAIL_DOMAIN);
    }
    expect(demo.accounts.some((a) => a.domains.length === 2)).toBe(true);
  });

  it('gives contacts unique ASCII addresses, at their company or (a few small firms) a public mailbox', () => {
    const emails = demo.contacts.flatMap((c) => c.emails);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.some((e) => demo.users.some((u) => u.email === e))).toBe(false);
    const domainsById = new Map(demo.accounts.map((a) => [a.id, a.domains]));
    let publicCount = 0;
    for (const c of demo.contacts) {
      for (const e of c.emails) {
        expect(e).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]+$/);
        const domain = e.split('@')[1]!;
        if (PUBLIC_PROVIDERS.has(domain)) publicCount++;
        else expect(domainsById.get(c.accountId!)).toContain(domain);
      }
      for (const p of c.phones) expect(p).toMatch(/^\+\d{2,3} \d{1,4} \d{3} \d{4}$/);
    }
    expect(publicCount).toBeGreaterThanOrEqual(2);
    expect(demo.contacts.some((c) => c.emails.length === 2)).toBe(true);
    expect(demo.contacts.some((c) => /ä|ö|å/.test(c.name))).toBe(true);
    expect(demo.contacts.some((c) => c.phones.some((p) => p.startsWith('+358 ')))).toBe(true);
  });

  it('has opportunities in every stage with catalogue lines, consistent values and stage probabilities', () => {
    expect(new Set(demo.opportunities.map((o) => o.stage))).toEqual(new Set(STAGES));
    const products = new Set(PRODUCT_CATALOGUE.map((p) => p.name));
    const today = helsinkiDate(NOW);
    const accountIds = new Set(demo.accounts.map((a) => a.id));
    for (const o of demo.opportunities) {
      expect(accountIds.has(o.accountId)).toBe(true);
      expect(o.probability).toBe(DEFAULT_TENANT_SETTINGS.stageProbability[o.stage]);
      expect(o.value).toBe(o.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0));
      expect(o.lines.every((l) => products.has(l.product) && Number.isInteger(l.unitPrice) && l.quantity > 0)).toBe(true);
      expect(o.createdAt).toBeLessThanOrEqual(o.stageChangedAt);
      expect(o.stageChangedAt).toBeLessThanOrEqual(NOW);
      if (o.stage === 'won' || o.stage === 'lost') expect(o.expectedCloseDate! < today).toBe(true);
    }
    expect(demo.opportunities.some((o) => o.stage !== 'won' && o.stage !== 'lost' && o.expectedCloseDate! > today)).toBe(true);
  });

  it('has a few stalled open opportunities: no stage change and no linked activity for 30+ days', () => {
    const lastLinked = new Map<string, number>();
    for (const i of interactions) if (i.opportunityId) lastLinked.set(i.opportunityId, i.occurredAt);
    const stalled = demo.opportunities.filter(
      (o) => o.stage !== 'won' && o.stage !== 'lost' && NOW - o.stageChangedAt > 30 * DAY_MS && NOW - (lastLinked.get(o.id) ?? 0) > 30 * DAY_MS,
    );
    expect(stalled.length).toBeGreaterThanOrEqual(2);
  });

  it('has NPS and CSAT feedback within their scales, from known contacts', () => {
    const contacts = new Map(demo.contacts.map((c) => [c.id, c]));
    expect(demo.feedback.some((f) => f.kind === 'nps')).toBe(true);
    expect(demo.feedback.some((f) => f.kind === 'csat')).toBe(true);
    expect(demo.feedback.some((f) => f.comment)).toBe(true);
    for (const f of demo.feedback) {
      if (f.kind === 'nps') expect(f.score).toBeGreaterThanOrEqual(0);
      else expect(f.score).toBeGreaterThanOrEqual(1);
      expect(f.score).toBeLessThanOrEqual(f.kind === 'nps' ? 10 : 5);
      expect(f.givenAt).toBeLessThan(NOW);
      if (f.contactId) expect(contacts.get(f.contactId)!.accountId).toBe(f.accountId);
    }
  });
});

describe('generateTenant: interactions', () => {
  it('come in chronological order, inside the history window, at whole milliseconds', () => {
    const start = Date.UTC(2025, 10, 20, 10, 0);
    const problems: string[] = [];
    let prev = -Infinity;
    for (const i of interactions) {
      if (i.occurredAt < prev) problems.push(`${i.id} out of order`);
      if (!Number.isInteger(i.occurredAt)) problems.push(`${i.id} at a fractional millisecond`);
      prev = i.occurredAt;
    }
    expect(problems).toEqual([]);
    expect(interactions[0]!.occurredAt).toBeGreaterThanOrEqual(start);
    expect(prev).toBeLessThan(NOW);
  });

  it('resolve every participant, account, opportunity and holder consistently', () => {
    const users = new Map(demo.users.map((u) => [u.id, u]));
    const contacts = new Map(demo.contacts.map((c) => [c.id, c]));
    const accounts = new Set(demo.accounts.map((a) => a.id));
    const opps = new Map(demo.opportunities.map((o) => [o.id, o]));
    const ids = new Set<string>();
    const keys = new Set<string>();
    // Collected rather than asserted one by one: thousands of expect() calls make the test slow and the failure unreadable.
    const problems: string[] = [];
    const check = (ok: boolean, what: string, i: Interaction) => {
      if (!ok) problems.push(`${what}: ${i.kind} ${i.id}`);
    };
    for (const i of interactions) {
      ids.add(i.id);
      check(i.accountIds.length >= 1, 'no account', i);
      for (const a of i.accountIds) check(accounts.has(a), 'unknown account', i);
      const internal = new Set<string>();
      for (const p of i.participants) {
        if (p.userId) {
          check(users.get(p.userId)?.email === p.address, 'user address mismatch', i);
          internal.add(p.userId);
        }
        if (p.contactId) {
          const c = contacts.get(p.contactId);
          check(c !== undefined && c.emails.includes(p.address), 'contact address mismatch', i);
          check(c !== undefined && i.accountIds.includes(c.accountId!), "contact's account missing from accountIds", i);
          check(c !== undefined && c.createdAt <= i.occurredAt, 'contact created after the interaction', i);
        }
        // Unresolved participants are only a customer's role mailbox (laskutus@, orders@) on email.
        if (!p.userId && !p.contactId) check(i.kind === 'email' && !p.address.includes('suhde-demo'), 'unexpected unresolved participant', i);
      }
      if (i.opportunityId) {
        const o = opps.get(i.opportunityId);
        check(o !== undefined && i.accountIds.includes(o.accountId), "opportunity of another account", i);
        check(o !== undefined && o.createdAt <= i.occurredAt, 'opportunity created after the interaction', i);
      }
      check(i.holders.length >= 1, 'no holder', i);
      for (const h of i.holders) {
        check(users.has(h.userId) && internal.has(h.userId), 'holder is not an internal participant', i);
        check(h.at >= i.occurredAt && h.at <= NOW, 'holder time outside [occurredAt, now]', i);
      }
      check(i.createdAt >= i.occurredAt && i.createdAt <= i.updatedAt && i.updatedAt <= NOW, 'bookkeeping times', i);
      if (i.externalKey) {
        check(!keys.has(i.externalKey), 'duplicate external key', i);
        keys.add(i.externalKey);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(ids.size).toBe(interactions.length);
  });

  it('follow the shapes of each kind and source', () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string, i: Interaction) => {
      if (!ok) problems.push(`${what}: ${i.kind} ${i.id}`);
    };
    for (const i of interactions) {
      const logged = i.holders.filter((h) => h.relation === 'logged').length;
      switch (i.kind) {
        case 'email': {
          const from = i.participants.find((p) => p.role === 'from');
          check(i.direction !== null && from !== undefined, 'email without direction or sender', i);
          check(new RegExp(`^msgid:[0-9a-f]{16}\\.[0-9a-z]+@${from?.address.split('@')[1]}$`).test(i.externalKey ?? ''), 'email key not msgid:<unique>@<sender domain>', i);
          check(Boolean(from?.userId) === (i.direction === 'outbound'), 'direction does not match the sender', i);
          check(i.participants.some((p) => p.role === 'to') && Boolean(i.subject) && Boolean(i.snippet), 'email without recipient, subject or snippet', i);
          break;
        }
        case 'meeting':
          check(/^ical:/.test(i.externalKey ?? ''), 'meeting key', i);
          check([30, 45, 60, 90].includes(i.durationMinutes ?? 0), 'meeting duration', i);
          check(i.participants.filter((p) => p.role === 'organizer').length === 1, 'meeting organizer', i);
          check(i.participants.some((p) => p.role === 'attendee'), 'meeting attendees', i);
          break;
        case 'call':
          check(i.externalKey === null, 'call key', i);
          check((i.durationMinutes ?? 0) >= 5 && (i.durationMinutes ?? 99) <= 30, 'call duration', i);
          check(i.participants.map((p) => Boolean(p.userId)).sort().join() === 'false,true', 'call parties', i);
          break;
        case 'note':
          check(i.externalKey === null && i.participants.length === 1 && Boolean(i.participants[0]!.userId) && Boolean(i.note), 'note shape', i);
          break;
        case 'chat':
          check(/^chat:/.test(i.externalKey ?? '') && i.direction !== null, 'chat shape', i);
          break;
      }
      if (i.source === 'manual') {
        check(['call', 'note'].includes(i.kind) && i.visibility === 'shared', 'manual entries are shared calls and notes', i);
        check(i.holders.length === 1 && i.holders[0]!.relation === 'logged', 'manual entries are held by whoever logged them', i);
      } else if (i.source === 'addin') {
        check(i.visibility === 'shared' && logged === 1, 'add-in entries are shared and logged once', i);
      } else {
        check(['metadata', 'private'].includes(i.visibility) && logged === 0, 'synced entries are metadata (or private) and not logged', i);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    const emails = interactions.filter((i) => i.kind === 'email');
    expect(new Set(emails.map((i) => i.source))).toEqual(new Set(['sync', 'addin']));
    expect(emails.filter((i) => i.source === 'sync').length / emails.length).toBeGreaterThan(0.8);
    expect(interactions.some((i) => i.visibility === 'private')).toBe(true);
    expect(interactions.some((i) => i.subject?.startsWith('VS: '))).toBe(true);
    expect(interactions.some((i) => i.subject?.startsWith('RE: '))).toBe(true);
    expect(emails.some((i) => i.participants.some((p) => p.role === 'cc' && p.userId))).toBe(true);
    expect(interactions.filter((i) => i.opportunityId).length).toBeGreaterThan(100);
  });

  it('happen in Helsinki working hours on weekdays, mostly', () => {
    // Meetings and calls may run over the hour boundaries; look at when they start.
    const inHours = interactions.filter((i) => isWorkingTime(i.occurredAt)).length;
    expect(inHours / interactions.length).toBeGreaterThan(0.9);
    const weekdayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', weekday: 'short' });
    const localWeekday = (t: number) => weekdayFormat.format(new Date(t));
    const weekend = interactions.filter((i) => ['Sat', 'Sun'].includes(localWeekday(i.occurredAt))).length;
    expect(weekend / interactions.length).toBeLessThan(0.03);
  });
});

describe('generateTenant: rhythms the product should notice', () => {
  const lastContact = new Map<string, Interaction>();
  for (const i of interactions) if (i.kind !== 'note') for (const a of i.accountIds) lastContact.set(a, i);

  it('sets each account lastContactAt to its newest non-note interaction', () => {
    for (const a of demo.accounts) expect(a.lastContactAt, a.name).toBe(lastContact.get(a.id)?.occurredAt ?? null);
  });

  it('contacts A accounts far more often than C accounts', () => {
    // Gaps between conversations (replies within a thread are not a new contact).
    const starts = new Map<string, number[]>();
    for (const i of interactions) {
      if (i.kind === 'note' || isReply(i)) continue;
      for (const a of i.accountIds) (starts.get(a) ?? starts.set(a, []).get(a)!).push(i.occurredAt);
    }
    const gaps = (tier: string) =>
      demo.accounts.filter((a) => a.tier === tier).flatMap((a) => {
        const ts = starts.get(a.id) ?? [];
        return ts.slice(1).map((t, k) => (t - ts[k]!) / DAY_MS);
      });
    const a = median(gaps('A'));
    const b = median(gaps('B'));
    const c = median(gaps('C'));
    expect(a).toBeLessThan(b);
    expect(b).toBeLessThan(c);
    expect(a).toBeLessThan(7);
    expect(c).toBeGreaterThan(14);
  });

  it('has accounts overdue on their cadence and some gone cold 2-4 months ago', () => {
    const cadence = DEFAULT_TENANT_SETTINGS.cadenceDays;
    const overdue = demo.accounts.filter((a) => {
      const days = cadence[a.tier];
      const last = lastContact.get(a.id)?.occurredAt;
      return days !== null && (last === undefined || NOW - last > days * DAY_MS);
    });
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    expect(overdue.length).toBeLessThan(demo.accounts.length / 3);
    const cold = demo.accounts.filter((a) => {
      const last = lastContact.get(a.id)?.occurredAt;
      return cadence[a.tier] !== null && last !== undefined && NOW - last >= 60 * DAY_MS && NOW - last <= 121 * DAY_MS;
    });
    expect(cold.length).toBeGreaterThanOrEqual(2);
  });

  it('leaves some recent inbound email unanswered', () => {
    const awaiting = demo.accounts.filter((a) => {
      const last = lastContact.get(a.id);
      return last && last.kind === 'email' && last.direction === 'inbound' && NOW - last.occurredAt < 30 * DAY_MS;
    });
    expect(awaiting.length).toBeGreaterThanOrEqual(1);
  });
});

describe('generateTenant: benchmark scale (smoke)', () => {
  it('streams the first 50,000 interactions of BENCH_SCALE in order without materialising the rest', { timeout: 120_000 }, () => {
    const bench = generateTenant({ seed: 7, now: NOW, scale: BENCH_SCALE });
    expect(bench.users).toHaveLength(500);
    expect(bench.accounts).toHaveLength(20_000);
    expect(bench.contacts).toHaveLength(200_000);
    // Calibrated to the target within half a percent.
    expect(Math.abs(bench.interactionCount - 1_000_000)).toBeLessThanOrEqual(5_000);
    const demoOids = new Set(DEMO_USERS.map((u) => u.entraObjectId));
    expect(bench.users.filter((u) => demoOids.has(u.entraObjectId))).toHaveLength(DEMO_USERS.length);
    expect(new Set(bench.users.map((u) => u.entraObjectId)).size).toBe(500);
    let n = 0;
    let prev = -Infinity;
    let unordered = 0;
    const ids = new Set<string>();
    for (const i of bench.interactions) {
      if (i.occurredAt < prev) unordered++;
      prev = i.occurredAt;
      ids.add(i.id);
      if (++n >= 50_000) break;
    }
    expect(n).toBe(50_000);
    expect(unordered).toBe(0);
    expect(ids.size).toBe(50_000);
  });
});
