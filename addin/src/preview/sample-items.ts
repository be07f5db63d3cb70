// The preview's mailbox: sample emails and meetings built from the demo tenant as the chosen user sees it, so
// each shows one state of the pane (a known customer, an email already in the history, a new person at a
// known account, a new organisation, a meeting, internal mail, a personal mailbox, a new email).
import { unwrap, type ApiClient, type Me } from '../../../web-shared/src/index.ts';
import type { SimAddress, SimItem } from './simulated-office.ts';

export interface PreviewEntry {
  id: string;
  folder: 'inbox' | 'calendar' | 'drafts' | 'sent';
  item: SimItem;
}

const HOUR = 3_600_000;

export async function sampleItems(api: ApiClient, me: Me['user'], now: number): Promise<PreviewEntry[]> {
  // The same accounts in every colleague's mailbox, so two colleagues can hold (and log) the same email.
  const list = await unwrap(api.accounts.$get({ query: { sort: 'name', tier: 'A,B', limit: '6' } }));
  const accounts = list.items.filter((a) => a.domains.length > 0);
  const [a1, a2] = [accounts[0], accounts[1] ?? accounts[0]];
  if (!a1 || !a2) return [];
  const [c1s, c2s, colleagues, history] = await Promise.all([
    unwrap(api.accounts[':id'].contacts.$get({ param: { id: a1.id } })),
    unwrap(api.accounts[':id'].contacts.$get({ param: { id: a2.id } })),
    unwrap(api.users.$get()),
    unwrap(api.accounts[':id'].timeline.$get({ param: { id: a1.id }, query: { kind: 'email', limit: '20' } })),
  ]);
  const user: SimAddress = { displayName: me.displayName, emailAddress: me.email };
  const addr = (c: { name: string; emails: string[] } | undefined, fallback: string): SimAddress =>
    ({ displayName: c?.name ?? fallback, emailAddress: c?.emails[0] ?? `${fallback.toLowerCase().replace(/\W+/g, '.')}@${a1.domains[0]}` });
  const c1 = addr(c1s.items[0], 'Customer Contact');
  const c2 = addr(c2s.items[0], 'Second Contact');
  const c3 = addr(c2s.items[1] ?? c2s.items[0], 'Third Contact');
  const colleague = colleagues.items.find((u) => u.id !== me.id && u.role === 'rep') ?? colleagues.items.find((u) => u.id !== me.id)!;
  const entries: PreviewEntry[] = [];
  const email = (id: string, from: SimAddress, subject: string, body: string, at: number, to: SimAddress[] = [user], cc: SimAddress[] = []): PreviewEntry => ({
    id, folder: 'inbox',
    item: {
      itemType: 'message', mode: 'read', itemId: `AAMkAGPreview/${id}+${a1.id.slice(0, 8)}=`, subject, from, to, cc, dateTimeCreated: new Date(at),
      internetMessageId: `<preview.${id}.${a1.id.slice(0, 8)}@${from.emailAddress.split('@')[1]}>`, conversationId: `AAQkPreview${id}`, body,
    },
  });

  // One email (one Message-ID) to two reps, and to you when you are neither: every demo mailbox holds it, so
  // colleagues can each log it and still make one interaction.
  const reps = colleagues.items.filter((u) => u.role === 'rep').map((u) => ({ displayName: u.displayName, emailAddress: u.email }));
  const [to, cc] = [reps.slice(0, 1), reps.slice(1, 2)];
  if (![...to, ...cc].some((r) => r.emailAddress === user.emailAddress)) cc.push(user);
  const day = Math.floor(now / 86_400_000);
  const known = email('known-customer', c1, `Tarjouspyyntö: ${a1.name}`, 'Hei, voisitteko lähettää tarjouksen ensi kvartaalin toimituksista? Terveisin', now - 2 * HOUR, to, cc);
  if (known.item.mode === 'read' && known.item.itemType === 'message') known.item.internetMessageId = `<preview.${day}.${a1.id}@${c1.emailAddress.split('@')[1]}>`;
  entries.push(known);
  const logged = history.items.find((i) => i.externalKey?.startsWith('msgid:') && !i.externalKey.startsWith('msgid:preview.') && i.subject && !i.redacted);
  if (logged) {
    const from = logged.participants.find((p) => p.role === 'from');
    entries.push({
      id: 'already-logged', folder: 'inbox',
      item: {
        itemType: 'message', mode: 'read', itemId: `AAMkAGPreview/logged+${logged.id.slice(0, 12)}=`, subject: logged.subject!,
        from: { displayName: from?.displayName ?? from?.address ?? c1.displayName, emailAddress: from?.address ?? c1.emailAddress },
        to: logged.participants.filter((p) => p.role === 'to').map((p) => ({ displayName: p.displayName ?? p.address, emailAddress: p.address })),
        cc: logged.participants.filter((p) => p.role === 'cc').map((p) => ({ displayName: p.displayName ?? p.address, emailAddress: p.address })),
        dateTimeCreated: new Date(logged.occurredAt), internetMessageId: `<${logged.externalKey!.slice('msgid:'.length)}>`, conversationId: `AAQkPreviewLogged`,
        body: logged.snippet ?? '',
      },
    });
  }
  entries.push(email('new-person', { displayName: 'Helena Uusitalo', emailAddress: `helena.uusitalo@${a2.domains[0]}` }, 'Uusi yhteyshenkilö hankinnoissa', 'Hei, otan jatkossa hoitaakseni hankinnat meillä. Helena', now - 5 * HOUR));
  entries.push(email('new-organisation', { displayName: 'Anna Virtanen', emailAddress: 'anna.virtanen@revontuli-analytiikka.fi' }, 'Yhteistyömahdollisuus', 'Hei, kuulin teistä messuilla. Voisimmeko sopia tapaamisen? Anna Virtanen, Revontuli Analytiikka Oy', now - 26 * HOUR));
  entries.push(email('internal', { displayName: colleague.displayName, emailAddress: colleague.email }, 'Viikkopalaveri', 'Siirretäänkö palaveri torstaille?', now - 27 * HOUR));
  entries.push(email('personal', { displayName: 'Matti Meikäläinen', emailAddress: 'matti.meikalainen@gmail.com' }, 'Kesämökin avaimet', 'Moi, jätin avaimet postilaatikkoon.', now - 30 * HOUR));

  const start = new Date(now + 24 * HOUR);
  start.setUTCMinutes(0, 0, 0);
  const unique = (xs: SimAddress[]) => xs.filter((x, i, all) => all.findIndex((y) => y.emailAddress === x.emailAddress) === i);
  // A customer's invitation, which you attend (the read window).
  entries.push({
    id: 'meeting', folder: 'calendar',
    item: {
      itemType: 'appointment', mode: 'read', itemId: `AAMkAGPreview/meeting+${a2.id.slice(0, 8)}=`, subject: `Kvartaalikatsaus: ${a2.name}`,
      organizer: c2, requiredAttendees: unique([c2, user, c3]),
      optionalAttendees: [{ displayName: colleague.displayName, emailAddress: colleague.email }],
      start, end: new Date(start.getTime() + 45 * 60_000), location: 'Microsoft Teams', body: 'Käydään läpi kvartaalin toimitukset ja ensi vuoden suunnitelma.',
    },
  });
  // Your own meeting, held this morning: Outlook opens it in the organizer (compose) window.
  const mine = new Date(now - 4 * HOUR);
  mine.setUTCMinutes(0, 0, 0);
  entries.push({
    id: 'my-meeting', folder: 'calendar',
    item: {
      itemType: 'appointment', mode: 'compose', itemId: `AAMkAGPreview/my-meeting+${a1.id.slice(0, 8)}=`, subject: `Tarjouskatselmus: ${a1.name}`,
      organizer: user, requiredAttendees: unique([c1, { displayName: colleague.displayName, emailAddress: colleague.email }]), optionalAttendees: [],
      start: mine, end: new Date(mine.getTime() + 30 * 60_000), location: 'Neuvotteluhuone Kallio', body: 'Käydään tarjous läpi.',
    },
  });
  entries.push({
    id: 'new-meeting', folder: 'calendar',
    item: {
      itemType: 'appointment', mode: 'compose', itemId: null, subject: `Aloituspalaveri: ${a1.name}`,
      organizer: user, requiredAttendees: [c1], optionalAttendees: [],
      start: new Date(start.getTime() + 48 * HOUR), end: new Date(start.getTime() + 49 * HOUR), location: 'Microsoft Teams', body: '',
    },
  });
  entries.push({
    id: 'new-email', folder: 'drafts',
    item: { itemType: 'message', mode: 'compose', subject: `Tarjous: ${a1.name}`, to: [c1], cc: [], conversationId: null, body: 'Hei, liitteenä tarjous.' },
  });
  return entries;
}
