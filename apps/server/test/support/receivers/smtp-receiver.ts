import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAuthentication } from 'smtp-server';
import { parseMime, type MimePart } from './mime.js';

export interface ReceivedMail {
  /** Envelope sender and recipients (MAIL FROM / RCPT TO). */
  from: string;
  to: string[];
  /** The message as sent, CRLF line ends. */
  raw: string;
  /** Parsed: `headers.get('subject')` decoded; `parts` are the leaves (text/plain, text/html). */
  message: MimePart;
  /** The user that authenticated, if any. */
  user: string | undefined;
}

export interface SmtpReceiver {
  host: string;
  port: number;
  mails: ReceivedMail[];
  /** Resolves once `count` mails have arrived (rejects after `timeoutMs`). */
  waitForMails(count?: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Refuse every following message with this SMTP reply (e.g. 451 or 550); null: accept again. */
  rejectWith(reply: { code: number; message: string } | null): void;
  close(): Promise<void>;
}

export interface SmtpReceiverOptions {
  /** When set, AUTH is advertised and only these credentials pass; otherwise no auth is needed. */
  credentials?: { username: string; password: string };
}

/** A real SMTP server on 127.0.0.1 (port 0), plain text: no STARTTLS, so any client can talk to it. */
export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let rejection: { code: number; message: string } | null = null;
  const { credentials } = options;

  const server = new SMTPServer({
    authOptional: credentials === undefined,
    allowInsecureAuth: true,
    disabledCommands: credentials === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    logger: false,
    onAuth(auth: SMTPServerAuthentication, _session, callback) {
      if (auth.username === credentials?.username && auth.password === credentials?.password) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (rejection !== null) {
          callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        const user = typeof session.user === 'string' ? session.user : undefined;
        mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, message: parseMime(raw), user });
        for (const wake of waiters) wake();
        callback(null);
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined); // client hang-ups after listen are not the test's failure
  const { port } = server.server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    mails,
    rejectWith(reply) {
      rejection = reply;
    },
    waitForMails(count = 1, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (mails.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mails.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} mail(s) at the SMTP receiver, got ${mails.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
