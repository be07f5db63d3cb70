// The Graph emulator for the sync benchmark, in its own process so its JSON work does not share the sync's
// event loop (Graph is another machine). Loaded deterministically from the parent's plan; answers stats over IPC.
import { startGraphEmulator } from '../../backend/src/graph/emulator/index.ts';

interface Plan {
  mailboxes: string[];
  messagesPerMailbox: number;
  eventsPerMailbox: number;
  customers: string[];
  internalDomain: string;
  now: number;
}

process.on('message', async (msg: { type: string; plan?: Plan }) => {
  if (msg.type === 'start') {
    const plan = msg.plan!;
    const emulator = await startGraphEmulator({ latencyMs: 0, defaultPageSize: 10 });
    let seq = 0;
    for (const [mi, mailbox] of plan.mailboxes.entries()) {
      emulator.addMailbox(mailbox);
      for (let n = 0; n < plan.messagesPerMailbox; n++) {
        const customer = plan.customers[(n * 7 + mi) % plan.customers.length]!;
        const outbound = n % 10 < 3;
        const at = plan.now - (n % 365) * 86_400_000 - mi * 1000;
        seq++;
        emulator.store.addMessage(mailbox, {
          folder: outbound ? 'sentitems' : 'inbox',
          subject: `Tarjous ${seq}`,
          from: outbound ? mailbox : customer,
          to: outbound ? [customer] : [mailbox],
          cc: n % 4 === 0 ? [plan.customers[(n * 13 + 1) % plan.customers.length]!] : [],
          sentAt: at,
          receivedAt: at + 1000,
          internetMessageId: `<bench-${seq}@${outbound ? plan.internalDomain : customer.split('@')[1]}>`,
          bodyPreview: 'Hei, tässä tarjous.',
        });
      }
      for (let n = 0; n < plan.eventsPerMailbox; n++) {
        const start = plan.now - ((n * 3) % 170) * 86_400_000 + (n % 9) * 3_600_000;
        emulator.store.addEvent(mailbox, {
          subject: `Palaveri ${mi}-${n}`, start, end: start + 3_600_000, organizer: mailbox,
          attendees: [plan.customers[(n * 11 + mi) % plan.customers.length]!], iCalUId: `bench-${mi}-${n}`,
        });
      }
    }
    process.send!({ type: 'ready', url: emulator.url });
    process.on('message', (m: { type: string }) => {
      if (m.type === 'stats') {
        const byFolder: Record<string, number> = {};
        for (const r of emulator.requests) {
          if (r.inBatch) continue;
          const key = r.path.includes('calendarView') ? 'calendar' : /mailFolders(\/|\(')([^/')]+)/.exec(r.path)?.[2] ?? 'other';
          byFolder[key] = (byFolder[key] ?? 0) + 1;
        }
        process.send!({ type: 'stats', total: emulator.requests.filter((r) => !r.inBatch).length, byFolder, requests: emulator.requests.filter((r) => !r.inBatch).map((r) => `${r.path}`) });
      }
      if (m.type === 'stop') void emulator.stop().then(() => process.exit(0));
    });
  }
});
