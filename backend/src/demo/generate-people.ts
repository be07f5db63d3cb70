// The tenant's people: its users (the fixed demo people first, then generated reps, managers and admins in
// teams) and each account's customer contacts.
import type { Contact, Role, User } from '../domain/types.ts';
import type { Country, Lang } from './vocabulary.ts';
import type { Ctx, Person, People, ContactRef, AccountModel } from './generate-model.ts';
import * as domainTypes from '../domain/types.ts';
import * as prng from './prng.ts';
import * as vocabulary from './vocabulary.ts';
import * as model from './generate-model.ts';
import * as accounts from './generate-accounts.ts';

// Imported values are copied into module constants once (see generate-tenant.ts).
const { DAY_MS } = domainTypes;
const { Rng, stableUuid, uuidFrom } = prng;
type Rng = prng.Rng;
const { asciiFold, ENGLISH_NAMES, FINNISH_NAMES, PUBLIC_MAILBOX_DOMAINS, TITLES } = vocabulary;
const { DEMO_USERS, TEAM_NAMES, MIN_MS, clamp, workingTimeBetween, fullName, uniqueAddress } = model;
const { SIZE_CONTACT_FACTOR } = accounts;

// Users

export function buildUsers(ctx: Ctx, n: number): People {
  const rng = new Rng(ctx.seed, 'users');
  const admins = n >= 3 ? Math.max(1, Math.round(n / 100)) : 0;
  const managers = n >= 2 ? Math.max(1, Math.round(n * 0.18)) : 0;
  const reps = n - admins - managers;
  const teamCount = clamp(Math.ceil(reps / 40), Math.min(2, reps), TEAM_NAMES.length);
  const teams: string[] = TEAM_NAMES.slice(0, Math.max(1, teamCount));
  const used = new Set<string>();
  const users: User[] = [];
  const people: People = { users, reps: [], repsByTeam: new Map(), managersByTeam: new Map(), teamOf: new Map(), teams };
  for (const t of teams) {
    people.repsByTeam.set(t, []);
    people.managersByTeam.set(t, []);
  }

  const plan: [Role, number][] = [['rep', reps], ['manager', managers], ['admin', admins]];
  for (const [role, count] of plan) {
    const fixed = DEMO_USERS.filter((u) => u.role === role);
    for (let k = 0; k < count; k++) {
      const profile = fixed[k];
      let displayName: string;
      let email: string;
      let team: string | null;
      let entraObjectId: string;
      if (profile) {
        // The demo's own people, with their fixed object ids (the address follows the internal domain).
        displayName = profile.displayName;
        email = uniqueAddress(profile.email.split('@')[0]!, ctx.internalDomain, used);
        team = role === 'admin' ? null : profile.team && teams.includes(profile.team) ? profile.team : teams[k % teams.length]!;
        entraObjectId = profile.entraObjectId;
      } else {
        const [first, last] = fullName(rng, rng.chance(0.75) ? FINNISH_NAMES : ENGLISH_NAMES);
        displayName = `${first} ${last}`;
        email = uniqueAddress(`${asciiFold(first)}.${asciiFold(last)}`, ctx.internalDomain, used);
        team = role === 'admin' ? null : teams[k % teams.length]!;
        // Fixed per (role, ordinal), not per seed: a user keeps their Entra identity across regenerations.
        entraObjectId = stableUuid(0x5eed, 'entra-oid', role, k);
      }
      const user: User = {
        id: uuidFrom(rng), tenantId: ctx.tenantId, entraObjectId, displayName, email, role, team, createdAt: ctx.tenantCreatedAt,
      };
      users.push(user);
      const person: Person = { id: user.id, name: displayName, address: email };
      people.teamOf.set(user.id, team);
      if (role === 'rep') {
        people.reps.push(person);
        people.repsByTeam.get(team!)!.push(person);
      } else if (role === 'manager') {
        people.managersByTeam.get(team!)!.push(person);
      }
    }
  }
  if (people.reps.length === 0) throw new RangeError('scale.users leaves no reps to own accounts');
  return people;
}

function formatPhone(rng: Rng, country: Country, landline: boolean): string {
  if (country.code === 'FI') {
    if (landline) {
      const area = rng.pick(['9', '3', '2', '8', '14', '17', '6']);
      return `+358 ${area} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
    }
    return `+358 ${rng.pick(country.mobile)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
  }
  return `${country.phonePrefix} ${rng.pick(country.mobile)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
}

export function buildContacts(ctx: Ctx, models: AccountModel[], total: number): Contact[] {
  const rng = new Rng(ctx.seed, 'contacts');
  // Per-account counts follow company size; then nudged one by one to hit the exact total.
  const mean = total / models.length;
  const counts = models.map((m) => Math.max(1, Math.round(mean * SIZE_CONTACT_FACTOR[m.account.size!] * Math.exp(rng.normal(0, 0.25)))));
  let sum = counts.reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const i = rng.int(0, counts.length - 1);
    if (sum < total) {
      counts[i]!++;
      sum++;
    } else if (counts[i]! > 1) {
      counts[i]!--;
      sum--;
    }
  }

  const used = new Set<string>();
  const contacts: Contact[] = [];
  for (const m of models) {
    const a = m.account;
    const names = m.country.names;
    const n = counts[m.index]!;
    const small = a.size === 'micro' || a.size === 'small';
    const refs: ContactRef[] = [];
    for (let k = 0; k < n; k++) {
      // Finnish companies employ some English speakers, and English-speaking staff use English titles.
      const [first, last] = fullName(rng, m.country.code === 'FI' && rng.chance(0.06) ? ENGLISH_NAMES : names);
      const name = `${first} ${last}`;
      const local = `${asciiFold(first)}.${asciiFold(last)}`;
      const emails: string[] = [];
      // Small firms' people often mail from a personal mailbox.
      if (small && rng.chance(0.18)) {
        const personal = rng.chance(0.6) ? `${local}${rng.int(1, 99)}` : local;
        emails.push(uniqueAddress(personal, rng.pick(PUBLIC_MAILBOX_DOMAINS), used));
      } else {
        emails.push(uniqueAddress(local, m.domain, used));
      }
      if (rng.chance(0.15)) {
        const second = a.domains[1] && rng.chance(0.6)
          ? `${local}@${a.domains[1]}`
          : `${asciiFold(first).slice(0, 1)}${asciiFold(last)}@${m.domain}`;
        if (!used.has(second)) {
          used.add(second);
          emails.push(second);
        }
      }
      const phones: string[] = [];
      if (rng.chance(0.85)) phones.push(formatPhone(rng, m.country, false));
      if (rng.chance(0.2)) phones.push(formatPhone(rng, m.country, true));
      const titleLang: Lang = m.lang === 'fi' && rng.chance(0.75) ? 'fi' : 'en';
      const title = rng.chance(0.92) ? (k === 0 && small ? TITLES[titleLang][0]! : rng.pick(TITLES[titleLang])) : null;
      // The first contact came with the account (so every touch finds someone); most others too, some were
      // met during the year.
      const createdAt = k === 0
        ? a.createdAt
        : rng.chance(0.8)
          ? a.createdAt + rng.int(0, 30) * MIN_MS
          : workingTimeBetween(rng, a.createdAt, Math.max(a.createdAt + DAY_MS, ctx.now - 7 * DAY_MS));
      const updatedAt = createdAt + Math.floor(rng.next() * (ctx.now - createdAt) * 0.5);
      const contact: Contact = {
        id: uuidFrom(rng), tenantId: ctx.tenantId, accountId: a.id, name, emails, phones, title, ownerId: a.ownerId, createdAt, updatedAt,
      };
      contacts.push(contact);
      refs.push({ id: contact.id, name, address: emails[0]!, second: emails[1] ?? null, createdAt });
    }
    // Ordered by createdAt so "contacts known at time t" is a prefix; the earliest ones weigh most.
    refs.sort((x, y) => x.createdAt - y.createdAt);
    let cum = 0;
    m.contactCum = refs.map((_, rank) => (cum += 1 / Math.pow(rank + 1, 1.1)));
    m.contacts = refs;
    m.allContactsKnownAt = refs[refs.length - 1]!.createdAt;
  }
  return contacts;
}
