// Materialising interactions: turns planned touches into emails, meetings, calls, notes and chats.
import type { Direction, Interaction, InteractionKind, InteractionSource, Participant, ParticipantRole, Visibility } from '../domain/types.ts';
import type { Lang, Topic } from './vocabulary.ts';
import type { Ctx, Person, ContactRef, OppRef, AccountModel } from './generate-model.ts';
import type { TouchPlan } from './plan-touches.ts';
import * as domainTypes from '../domain/types.ts';
import * as addresses from '../domain/addresses.ts';
import * as prng from './prng.ts';
import * as helsinkiTime from './helsinki-time.ts';
import * as vocabulary from './vocabulary.ts';
import * as model from './generate-model.ts';

// Imported values are copied into module constants once (see generate-tenant.ts).
const { DAY_MS } = domainTypes;
const { domainOf } = addresses;
const { hexFrom, Rng, uuidFrom, weightedPicker } = prng;
type Rng = prng.Rng;
const { helsinkiDate, helsinkiDay } = helsinkiTime;
const { CALL_NOTES, CALL_SUBJECTS, CHAT_TEXTS, EMAIL_SNIPPETS, EMAIL_SUBJECTS, MEETING_SUBJECTS, NOTE_TEXTS, ONSITE_MEETING_SNIPPET, REPLY_PREFIX, ROLE_MAILBOXES, TEAMS_MEETING_SNIPPET, TOPIC_WEIGHTS, TOPICS } = vocabulary;
const { MIN_MS, clamp } = model;

const SUBJECTS_SPLIT = splitByDeal(EMAIL_SUBJECTS);
const MEETING_SPLIT = splitTemplates(MEETING_SUBJECTS);
const PICK_TOPIC = weightedPicker(TOPICS, TOPIC_WEIGHTS);
const DEAL_TOPIC = weightedPicker<Topic>(['offer', 'contract', 'meeting', 'delivery'], [50, 20, 20, 10]);
const PICK_DURATION = weightedPicker([30, 45, 60, 90], [30, 20, 35, 15]);
const PRODUCT_SHORT = ['SCADA', 'MES', 'Line Analytics', 'PLC', 'condition monitoring', 'Care support'];

function splitTemplates(byLang: Record<Lang, readonly string[]>): Record<Lang, { plain: string[]; deal: string[] }> {
  return {
    fi: { plain: byLang.fi.filter((s) => !s.includes('{deal}')), deal: byLang.fi.filter((s) => s.includes('{deal}')) },
    en: { plain: byLang.en.filter((s) => !s.includes('{deal}')), deal: byLang.en.filter((s) => s.includes('{deal}')) },
  };
}

function splitByDeal(subjects: Record<Lang, Record<Topic, readonly string[]>>): Record<Lang, Record<Topic, { plain: string[]; deal: string[] }>> {
  const out = { fi: {}, en: {} } as Record<Lang, Record<Topic, { plain: string[]; deal: string[] }>>;
  for (const topic of TOPICS) {
    const split = splitTemplates({ fi: subjects.fi[topic], en: subjects.en[topic] });
    out.fi[topic] = split.fi;
    out.en[topic] = split.en;
  }
  return out;
}

function userParticipant(role: ParticipantRole, u: Person): Participant {
  return { role, address: u.address, displayName: u.name, userId: u.id, contactId: null };
}

function contactParticipant(role: ParticipantRole, c: ContactRef, address: string): Participant {
  return { role, address, displayName: c.name, userId: null, contactId: c.id };
}

/** What an email thread keeps from its first message to its last: the people, the topic, the subject. */
interface ThreadState {
  handler: Person;
  colleague: Person | null;
  c1: ContactRef;
  c1Address: string;
  c1Domain: string;
  c2: ContactRef | null;
  c2Address: string;
  c2Domain: string;
  c2Role: ParticipantRole;
  inboundFromSecond: boolean;
  partner: ContactRef | null;
  roleMailbox: string | null;
  opp: OppRef | null;
  topic: Topic;
  subject: string;
  privateThread: boolean;
  accountIds: string[];
  internal: Person[];
}

/** One planned touch; a thread's state is decided when its first email is materialised. */
export interface Touch {
  model: AccountModel;
  plan: TouchPlan;
  thread: ThreadState | null;
}

/** An interaction waiting in the merge buffer: cheap to hold, materialised only when it is yielded. */
export interface Pending {
  at: number;
  touch: Touch;
  index: number;
}

/**
 * Turns planned touches into interactions, drawing every content choice (people, subjects, ids) from one
 * content stream in yield order. Interactions are built just before they are yielded, so a consumer that
 * does not keep them lets them die young (the benchmark's garbage stays in the young generation).
 */
export class Emitter {
  private readonly rng: Rng;
  private seq = 0;

  constructor(private readonly ctx: Ctx) {
    this.rng = new Rng(ctx.seed, 'content');
  }

  materialize(p: Pending): Interaction {
    const { touch, index } = p;
    switch (touch.plan.kind) {
      case 'email':
        return this.email(touch, index);
      case 'meeting':
        return this.meeting(touch.model, p.at);
      case 'call':
        return this.call(touch.model, p.at, touch.plan.directions[0]!);
      case 'note':
        return this.note(touch.model, p.at);
      case 'chat':
        return this.chat(touch.model, p.at, touch.plan.directions[0]!);
    }
  }

  /** Unique by construction (a running sequence), random-looking like real message and calendar ids. */
  private token(): string {
    return `${hexFrom(this.rng, 2)}.${(this.seq++).toString(36)}`;
  }

  /** The rep handling this touch: usually the owner, sometimes a teammate. */
  private handler(m: AccountModel): Person {
    return m.colleagues.length && this.rng.chance(0.15) ? this.rng.pick(m.colleagues) : m.owner;
  }

  /** Someone from our side copied in or joining: a teammate or, for key customers, the team's manager. */
  private second(m: AccountModel, handler: Person, chance: number): Person | null {
    if (!this.rng.chance(chance)) return null;
    const managerFirst = (m.account.tier === 'A' || m.account.tier === 'B') && m.managers.length > 0 && this.rng.chance(0.35);
    const pool = managerFirst ? m.managers : m.colleagues.length ? m.colleagues : m.managers;
    if (!pool.length) return null;
    const p = this.rng.pick(pool);
    return p.id === handler.id ? null : p;
  }

  /** A contact known at time t, weighted toward the account's main contacts; `not` excludes one (then maybe null). */
  private contactAt(m: AccountModel, t: number, not: ContactRef | null): ContactRef | null {
    const contacts = m.contacts;
    const cum = m.contactCum;
    let k = contacts.length;
    if (t < m.allContactsKnownAt) {
      k = 0;
      while (k < contacts.length && contacts[k]!.createdAt <= t) k++;
      // The first contact was created with the account, before any touch: there is always one.
      if (k === 0) k = 1;
    }
    for (let attempt = 0; attempt < 4; attempt++) {
      const r = this.rng.next() * cum[k - 1]!;
      let lo = 0;
      let hi = k - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (r < cum[mid]!) hi = mid;
        else lo = mid + 1;
      }
      const c = contacts[lo]!;
      if (c !== not) return c;
    }
    return not ? null : contacts[0]!;
  }

  private mainContact(m: AccountModel, t: number): ContactRef {
    return this.contactAt(m, t, null) ?? m.contacts[0]!;
  }

  private contactAddress(c: ContactRef): string {
    return c.second && this.rng.chance(0.15) ? c.second : c.address;
  }

  /** An open opportunity of the account at time t that this touch is about, sometimes. */
  private opportunity(m: AccountModel, t: number, chance: number): OppRef | null {
    if (!m.opps.length || !this.rng.chance(chance)) return null;
    const open: OppRef[] = [];
    for (const o of m.opps) if (o.from <= t && t <= o.until) open.push(o);
    return open.length ? this.rng.pick(open) : null;
  }

  /** Fills {placeholders}; a plain scan rather than a regex callback, since this runs a million times. */
  private fill(template: string, m: AccountModel, t: number, opp: OppRef | null): string {
    let open = template.indexOf('{');
    if (open < 0) return template;
    const r = this.rng;
    let out = '';
    let from = 0;
    while (open >= 0) {
      const close = template.indexOf('}', open);
      out += template.slice(from, open);
      const key = template.slice(open + 1, close);
      switch (key) {
        case 'product': out += r.pick(PRODUCT_SHORT); break;
        case 'order': out += `PO-${r.int(10_000, 99_999)}`; break;
        case 'invoice': out += String(r.int(100_000, 999_999)); break;
        case 'line': out += `L${r.int(1, 6)}`; break;
        case 'week': out += String(Math.floor((helsinkiDay(t) - helsinkiDay(Date.UTC(new Date(t).getUTCFullYear(), 0, 1))) / 7) + 1); break;
        case 'date': {
          const iso = helsinkiDate(t + r.int(0, 10) * DAY_MS);
          out += m.lang === 'fi' ? `${Number(iso.slice(8))}.${Number(iso.slice(5, 7))}.${iso.slice(0, 4)}` : iso;
          break;
        }
        case 'deal': out += opp?.name ?? ''; break;
        case 'company': out += m.account.name; break;
        case 'city': out += m.city; break;
        default: break;
      }
      from = close + 1;
      open = template.indexOf('{', from);
    }
    return out + template.slice(from);
  }

  private base(
    kind: InteractionKind, t: number, accountIds: string[], source: InteractionSource, visibility: Visibility,
    participants: Participant[], holders: Interaction['holders'], opp: OppRef | null,
  ): Interaction {
    let created = Infinity;
    let updated = 0;
    for (const h of holders) {
      if (h.at < created) created = h.at;
      if (h.at > updated) updated = h.at;
    }
    return {
      id: uuidFrom(this.rng), tenantId: this.ctx.tenantId, kind, direction: null, occurredAt: t, subject: null, snippet: null, note: null,
      durationMinutes: null, participants, accountIds, opportunityId: opp && t <= opp.until ? opp.id : null, source, visibility, holders,
      externalKey: null, createdAt: created, updatedAt: updated,
    };
  }

  /** Holders: who has it in their mailbox or calendar ('holds'), plus who logged it by hand ('logged'). */
  private holders(internal: Person[], t: number, source: InteractionSource, logger: Person): Interaction['holders'] {
    const now = this.ctx.now;
    const r = this.rng;
    if (source === 'manual') return [{ userId: logger.id, relation: 'logged', at: Math.min(now, t + r.int(2, 90) * MIN_MS) }];
    const out: Interaction['holders'] = [];
    for (const p of internal) out.push({ userId: p.id, relation: 'holds', at: Math.min(now, t + r.int(1, 15) * MIN_MS) });
    if (source === 'addin') out.push({ userId: logger.id, relation: 'logged', at: Math.min(now, t + r.int(2, 240) * MIN_MS) });
    return out;
  }

  private startThread(m: AccountModel, plan: TouchPlan, t0: number): ThreadState {
    const r = this.rng;
    const handler = this.handler(m);
    const colleague = this.second(m, handler, 0.15);
    const c1 = this.mainContact(m, t0);
    const c2 = r.chance(0.25) ? this.contactAt(m, t0, c1) : null;
    const c1Address = this.contactAddress(c1);
    const c2Address = c2 ? this.contactAddress(c2) : '';
    const partner = plan.withPartner && m.partner ? m.partner.contacts[0]! : null;
    const opp = this.opportunity(m, t0, 0.45);
    const topic = opp ? DEAL_TOPIC(r) : PICK_TOPIC(r);
    const subjects = SUBJECTS_SPLIT[m.lang][topic];
    return {
      handler,
      colleague,
      c1,
      c1Address,
      c1Domain: domainOf(c1Address),
      c2,
      c2Address,
      c2Domain: c2 ? domainOf(c2Address) : '',
      c2Role: r.chance(0.5) ? 'to' : 'cc',
      // Inbound mail sometimes comes from the second contact on the thread.
      inboundFromSecond: c2 !== null && r.chance(0.3),
      partner,
      roleMailbox: r.chance(0.03) ? `${r.pick(ROLE_MAILBOXES[m.lang])}@${m.domain}` : null,
      opp,
      topic,
      subject: this.fill(opp && subjects.deal.length && r.chance(0.5) ? r.pick(subjects.deal) : r.pick(subjects.plain), m, t0, opp),
      privateThread: r.chance(0.015),
      accountIds: partner ? [m.account.id, m.partner!.account.id] : [m.account.id],
      internal: colleague ? [handler, colleague] : [handler],
    };
  }

  private email(touch: Touch, i: number): Interaction {
    const m = touch.model;
    const plan = touch.plan;
    const t = plan.times[i]!;
    // Messages of a thread are yielded in order, so the first one always sets the thread up.
    const s = (touch.thread ??= this.startThread(m, plan, plan.times[0]!));
    const r = this.rng;
    const dir = plan.directions[i]!;
    const participants: Participant[] = [];
    let senderDomain: string;
    if (dir === 'outbound') {
      participants.push(userParticipant('from', s.handler), contactParticipant('to', s.c1, s.c1Address));
      if (s.c2) participants.push(contactParticipant(s.c2Role, s.c2, s.c2Address));
      if (s.colleague) participants.push(userParticipant('cc', s.colleague));
      senderDomain = this.ctx.internalDomain;
    } else {
      const second = s.inboundFromSecond && s.c2 !== null;
      const sender = second ? s.c2! : s.c1;
      const senderAddress = second ? s.c2Address : s.c1Address;
      participants.push(contactParticipant('from', sender, senderAddress), userParticipant('to', s.handler));
      if (second) participants.push(contactParticipant('cc', s.c1, s.c1Address));
      else if (s.c2) participants.push(contactParticipant('cc', s.c2, s.c2Address));
      if (s.colleague) participants.push(userParticipant('cc', s.colleague));
      senderDomain = second ? s.c2Domain : s.c1Domain;
    }
    if (s.partner) participants.push(contactParticipant('cc', s.partner, s.partner.address));
    if (s.roleMailbox) participants.push({ role: 'cc', address: s.roleMailbox, displayName: null, userId: null, contactId: null });

    // Most mail arrives by mailbox sync; some was logged from Outlook with the add-in.
    const source: InteractionSource = r.chance(0.12) ? 'addin' : 'sync';
    const visibility: Visibility = source === 'addin' ? 'shared' : s.privateThread ? 'private' : 'metadata';
    const interaction = this.base('email', t, s.accountIds, source, visibility, participants, this.holders(s.internal, t, source, s.handler), s.opp);
    interaction.direction = dir;
    interaction.subject = i === 0 ? s.subject : REPLY_PREFIX[m.lang] + s.subject;
    interaction.snippet = r.pick(EMAIL_SNIPPETS[m.lang][s.topic][dir]);
    interaction.externalKey = `msgid:${this.token()}@${senderDomain}`;
    return interaction;
  }

  private meeting(m: AccountModel, t: number): Interaction {
    const r = this.rng;
    const handler = this.handler(m);
    const colleague = this.second(m, handler, 0.3);
    const first = this.mainContact(m, t);
    const attendees: ContactRef[] = [first];
    const extra = r.int(0, 2);
    for (let i = 0; i < extra; i++) {
      const c = this.contactAt(m, t, first);
      if (c && !attendees.includes(c)) attendees.push(c);
    }
    const opp = this.opportunity(m, t, 0.5);
    const subjects = MEETING_SPLIT[m.lang];
    const subject = this.fill(opp && r.chance(0.5) ? r.pick(subjects.deal) : r.pick(subjects.plain), m, t, opp);
    // Customers abroad are mostly met on Teams; domestic ones often on site.
    const online = r.chance(m.country.code === 'FI' ? 0.6 : 0.85);
    const participants: Participant[] = [];
    if (r.chance(0.25)) {
      // The customer sent the invitation.
      participants.push(contactParticipant('organizer', first, first.address), userParticipant('attendee', handler));
      for (let i = 1; i < attendees.length; i++) participants.push(contactParticipant('attendee', attendees[i]!, attendees[i]!.address));
    } else {
      participants.push(userParticipant('organizer', handler));
      for (const c of attendees) participants.push(contactParticipant('attendee', c, c.address));
    }
    if (colleague) participants.push(userParticipant('attendee', colleague));
    const internal = colleague ? [handler, colleague] : [handler];
    const source: InteractionSource = r.chance(0.15) ? 'addin' : 'sync';
    const visibility: Visibility = source === 'addin' ? 'shared' : r.chance(0.01) ? 'private' : 'metadata';
    const interaction = this.base('meeting', t, [m.account.id], source, visibility, participants, this.holders(internal, t, source, handler), opp);
    interaction.subject = subject;
    interaction.snippet = online ? TEAMS_MEETING_SNIPPET[m.lang] : this.fill(ONSITE_MEETING_SNIPPET[m.lang], m, t, opp);
    interaction.durationMinutes = PICK_DURATION(r);
    interaction.externalKey = `ical:${this.token()}`;
    return interaction;
  }

  private call(m: AccountModel, t: number, dir: Direction): Interaction {
    const r = this.rng;
    const handler = this.handler(m);
    const c = this.mainContact(m, t);
    const me = userParticipant(dir === 'outbound' ? 'from' : 'to', handler);
    const them = contactParticipant(dir === 'outbound' ? 'to' : 'from', c, c.address);
    const opp = this.opportunity(m, t, 0.4);
    const duration = clamp(Math.round(5 + Math.abs(r.normal(0, 9))), 5, 30);
    // Calls are logged by hand after hanging up: no external key, visible to the whole team.
    const holders = this.holders([handler], t + duration * MIN_MS, 'manual', handler);
    const interaction = this.base('call', t, [m.account.id], 'manual', 'shared', dir === 'outbound' ? [me, them] : [them, me], holders, opp);
    interaction.direction = dir;
    interaction.durationMinutes = duration;
    interaction.subject = r.chance(0.6) ? r.pick(CALL_SUBJECTS[m.lang]) : null;
    interaction.note = r.chance(0.6) ? r.pick(CALL_NOTES[m.lang]) : null;
    return interaction;
  }

  private note(m: AccountModel, t: number): Interaction {
    const r = this.rng;
    const handler = this.handler(m);
    const opp = this.opportunity(m, t, 0.5);
    const interaction = this.base('note', t, [m.account.id], 'manual', 'shared', [userParticipant('from', handler)], this.holders([handler], t, 'manual', handler), opp);
    interaction.note = r.pick(NOTE_TEXTS[m.lang]);
    return interaction;
  }

  private chat(m: AccountModel, t: number, dir: Direction): Interaction {
    const r = this.rng;
    const handler = this.handler(m);
    const c = this.mainContact(m, t);
    const me = userParticipant(dir === 'outbound' ? 'from' : 'to', handler);
    const them = contactParticipant(dir === 'outbound' ? 'to' : 'from', c, c.address);
    const opp = this.opportunity(m, t, 0.2);
    // A Teams chat with a federated customer: captured like mail, as metadata for colleagues.
    const interaction = this.base('chat', t, [m.account.id], 'teams', 'metadata', dir === 'outbound' ? [me, them] : [them, me], this.holders([handler], t, 'teams', handler), opp);
    interaction.direction = dir;
    interaction.snippet = r.pick(CHAT_TEXTS[m.lang][dir]);
    interaction.externalKey = `chat:${this.token()}`;
    return interaction;
  }
}
