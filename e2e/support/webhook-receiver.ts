import { createServer, type Server } from 'node:http';

export interface WebhookReceiver {
  url: string;
  /** Every JSON body received, in order (those refused too). */
  bodies: unknown[];
  /** While failing, every POST is answered 503. */
  setFailing(isFailing: boolean): void;
  close(): Promise<void>;
}

/** A local HTTP endpoint that answers 200 (or 503 while failing) to every POST and keeps what it was sent. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const bodies: unknown[] = [];
  let isFailing = false;
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      try {
        bodies.push(JSON.parse(text));
      } catch {
        bodies.push(text);
      }
      if (isFailing) response.writeHead(503).end('receiver down');
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    setFailing: (value) => {
      isFailing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
