/**
 * The baseline: a bare `ws` server that broadcasts one pre-serialised message to every client at
 * the same interval, stamped right before serialisation. Prints its port, then runs until killed.
 * Usage: node bare-ws-server.js INTERVAL_MS TEMPLATE_JSON_FILE
 */
import { readFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';

const [intervalArg = '250', templateFile = ''] = process.argv.slice(2);
const template = JSON.parse(readFileSync(templateFile, 'utf8')) as { ts: number; samples: { ts: number }[] };
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });

setInterval(() => {
  const ts = Date.now();
  const message = JSON.stringify({ ...template, ts, samples: template.samples.map((s) => ({ ...s, ts })) });
  for (const client of server.clients) client.send(message);
}, Number(intervalArg));

server.on('listening', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${port}\n`);
});
