// The add-in preview: a simulated Outlook reading pane (the demo tenant's sample emails and meetings) with the
// real task pane beside it, fed by a simulated Office host. Settings come from the URL so tests can set them:
// ?user=<demo email>&lang=fi-FI&theme=dark&item=<sample id>&fail=<office.js call to fail once>.
import { createApiClient, createDemoAuth, listDemoUsers, unwrap } from '../../../web-shared/src/index.ts';
import { SimulatedOutlook, type SimItem, type SimTheme } from './simulated-office.ts';
import { sampleItems, type PreviewEntry } from './sample-items.ts';

declare global {
  interface Window {
    suhdeSimulatedOffice?: (pane: Window) => unknown;
    suhdePreview?: { outlook: SimulatedOutlook; select(id: string | null): void; entries: PreviewEntry[] };
  }
}

const params = new URLSearchParams(location.search);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function fmt(d: Date, lang: string) {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

function renderItem(item: SimItem | null, lang: string) {
  const pane = $('reading');
  if (!item) {
    pane.innerHTML = '<p class="muted">No item selected.</p>';
    return;
  }
  const list = (xs: { displayName: string; emailAddress: string }[]) => xs.map((x) => `${escapeHtml(x.displayName)} &lt;${escapeHtml(x.emailAddress)}&gt;`).join(', ');
  if (item.itemType === 'appointment') {
    const tag = item.mode === 'compose' ? ` <span class="tag">${item.itemId ? 'organizer' : 'new, not saved'}</span>${item.itemId ? '' : ' <button type="button" id="save-meeting">Send</button>'}` : '';
    pane.innerHTML = `<h2>${escapeHtml(item.subject)}${tag}</h2>
      <dl><dt>Organizer</dt><dd>${list([item.organizer])}</dd><dt>Attendees</dt><dd>${list([...item.requiredAttendees, ...item.optionalAttendees])}</dd>
      <dt>When</dt><dd>${fmt(item.start, lang)} – ${fmt(item.end, lang)}</dd><dt>Where</dt><dd>${escapeHtml(item.location)}</dd></dl><p>${escapeHtml(item.body)}</p>`;
    return;
  }
  pane.innerHTML = `<h2>${escapeHtml(item.subject)}${item.mode === 'compose' ? ' <span class="tag">draft</span> <button type="button" id="send">Send</button>' : ''}</h2>
    <dl>${item.mode === 'read' ? `<dt>From</dt><dd>${list([item.from])}</dd>` : ''}<dt>To</dt><dd>${list(item.to)}</dd>
    ${item.cc.length ? `<dt>Cc</dt><dd>${list(item.cc)}</dd>` : ''}${item.mode === 'read' ? `<dt>Sent</dt><dd>${fmt(item.dateTimeCreated, lang)}</dd>` : ''}</dl>
    <p>${escapeHtml(item.body)}</p>`;
}

async function boot() {
  const lang = params.get('lang') ?? 'en-US';
  const theme: SimTheme = params.get('theme') === 'dark' ? 'dark' : params.get('theme') === 'contrast' ? 'contrast' : 'light';
  document.body.dataset.theme = theme;
  const users = await listDemoUsers();
  if (!users) {
    $('reading').innerHTML = '<p>This server is not in demo mode: the preview needs the demo tenant.</p>';
    return;
  }
  const wanted = params.get('user');
  const me = users.find((u) => u.email === wanted) ?? users.find((u) => u.role === 'rep') ?? users[0]!;
  const userSelect = $<HTMLSelectElement>('user');
  userSelect.innerHTML = users.map((u) => `<option value="${escapeHtml(u.email)}"${u.id === me.id ? ' selected' : ''}>${escapeHtml(u.displayName)} (${u.role})</option>`).join('');
  $<HTMLSelectElement>('lang').value = lang;
  $<HTMLSelectElement>('theme').value = theme;
  for (const id of ['user', 'lang']) {
    $<HTMLSelectElement>(id).addEventListener('change', () => {
      const next = new URLSearchParams(location.search);
      next.set(id, $<HTMLSelectElement>(id).value);
      location.search = next.toString();
    });
  }

  // The theme changes live, as in Outlook: the open pane hears OfficeThemeChanged and repaints.
  $<HTMLSelectElement>('theme').addEventListener('change', () => {
    const next = $<HTMLSelectElement>('theme').value as SimTheme;
    document.body.dataset.theme = next;
    outlook.setTheme(next);
    const q = new URLSearchParams(location.search);
    q.set('theme', next);
    history.replaceState(null, '', `?${q}`);
  });

  const api = createApiClient({ getToken: createDemoAuth({ userId: me.id }).getToken });
  const profile = await unwrap(api.me.$get());
  const entries = await sampleItems(api, profile.user, Date.now());
  const outlook = new SimulatedOutlook({
    user: { displayName: me.displayName, emailAddress: me.email },
    displayLanguage: lang,
    theme,
    requirementSets: { Mailbox: '1.14', DialogApi: '1.2', IdentityAPI: '1.3' },
    // ?fail=subject (a compose field's getAsync), addHandlerAsync, loadCustomPropertiesAsync or saveAsync: that call answers Failed once.
    failNext: params.get('fail'),
  });
  window.suhdeSimulatedOffice = (pane) => outlook.officeFor(pane);

  const folders: Record<PreviewEntry['folder'], string> = { inbox: 'Inbox', calendar: 'Calendar', drafts: 'Drafts', sent: 'Sent Items' };
  const nav = $('items');
  const renderList = () => {
    nav.innerHTML = (Object.keys(folders) as PreviewEntry['folder'][]).filter((f) => entries.some((e) => e.folder === f)).map((f) => `<h2>${folders[f]}</h2><ul>${entries.filter((e) => e.folder === f).map((e) => {
      const who = e.item.itemType === 'appointment' ? fmt(e.item.start, lang) : e.item.mode === 'read' && e.folder !== 'sent' ? e.item.from.displayName : `To: ${e.item.to.map((t) => t.displayName).join(', ')}`;
      return `<li><button type="button" data-id="${e.id}" aria-pressed="false"><strong>${escapeHtml(who)}</strong><span>${escapeHtml(e.item.subject)}</span></button></li>`;
    }).join('')}</ul>`).join('');
  };
  renderList();
  // "Sending" a draft: its copy lands in Sent Items with a Message-ID of its own and the draft's custom
  // properties (as Exchange keeps them), and is selected, as Outlook shows what you just sent.
  let sent = 0;
  $('reading').addEventListener('click', (e) => {
    // Sending a new meeting saves it: from then on it has an id, as in Outlook.
    if ((e.target as HTMLElement).id === 'save-meeting') {
      const m = outlook.selected();
      if (m?.itemType === 'appointment' && m.mode === 'compose') {
        m.itemId = `AAMkAGPreview/meeting-sent-${Date.now()}=`;
        renderItem(m, lang);
      }
      return;
    }
    if ((e.target as HTMLElement).id !== 'send') return;
    const draft = outlook.selected();
    if (!draft || draft.mode !== 'compose' || draft.itemType !== 'message') return;
    const id = `sent-${++sent}`;
    const at = Date.now();
    entries.push({
      id, folder: 'sent',
      item: {
        itemType: 'message', mode: 'read', itemId: `AAMkAGPreview/${id}+${at}=`, subject: draft.subject, from: outlook.mailbox.user, to: draft.to, cc: draft.cc,
        dateTimeCreated: new Date(at), internetMessageId: `<preview.${id}.${at}@${outlook.mailbox.user.emailAddress.split('@')[1]}>`, conversationId: `AAQkPreview${id}`,
        body: draft.body, customProperties: { ...(draft.customProperties ?? {}) },
      },
    });
    renderList();
    select(id);
  });

  const select = (id: string | null) => {
    const entry = entries.find((e) => e.id === id) ?? null;
    for (const b of nav.querySelectorAll<HTMLButtonElement>('button')) b.setAttribute('aria-pressed', String(b.dataset.id === id));
    renderItem(entry?.item ?? null, lang);
    outlook.select(entry?.item ?? null);
    const next = new URLSearchParams(location.search);
    if (id) next.set('item', id);
    else next.delete('item');
    history.replaceState(null, '', `?${next}`);
  };
  nav.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest('button');
    if (b?.dataset.id) select(b.dataset.id);
  });
  window.suhdePreview = { outlook, select, entries };
  const first = params.get('item') ?? entries[0]?.id ?? null;
  select(first);
  // The pane loads only now, once the simulated Outlook is there to hand it.
  $<HTMLIFrameElement>('pane').src = '/addin/taskpane.html';
}

boot().catch((e: Error) => {
  $('reading').innerHTML = `<p role="alert">The preview could not start: ${escapeHtml(e.message)}</p>`;
});
