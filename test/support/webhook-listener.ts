// A real local HTTP endpoint for tests to register as a subscription's notificationUrl: it answers Graph's
// validation request as documented (or wrongly, on purpose) and records the notifications it receives.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookListener {
  /** http://127.0.0.1:PORT/notifications */
  url: string;
  /** http://127.0.0.1:PORT/lifecycle */
  lifecycleUrl: string;
  /** Validation tokens received, decoded. */
  validations: string[];
  /** JSON bodies of notifications received, with the path they came to. */
  received: { path: string; body: unknown }[];
  /** 'echo' answers as Graph requires; 'wrong' echoes something else; 'html' echoes with the wrong type; 'silent' never answers. */
  mode: 'echo' | 'wrong' | 'html' | 'silent';
  stop(): Promise<void>;
}

export async function startWebhookListener(mode: WebhookListener['mode'] = 'echo'): Promise<WebhookListener> {
  const listener = { validations: [] as string[], received: [] as { path: string; body: unknown }[], mode } as WebhookListener;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://listener.invalid');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const token = url.searchParams.get('validationToken');
      if (token !== null) {
        listener.validations.push(token);
        if (listener.mode === 'silent') return; // never answers: Graph gives up after 10 seconds
        const body = listener.mode === 'wrong' ? encodeURIComponent(token) : token;
        res.writeHead(200, { 'Content-Type': listener.mode === 'html' ? 'text/html' : 'text/plain' }).end(body);
        return;
      }
      listener.received.push({ path: url.pathname, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  listener.url = `${base}/notifications`;
  listener.lifecycleUrl = `${base}/lifecycle`;
  listener.stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return listener;
}
