/**
 * The local stand-in for e-mail delivery: an embedded SMTP server (npm `smtp-server`) on
 * loopback that keeps every message it receives, parsed (npm `mailparser`), so the platform's
 * real SMTP path (nodemailer) runs locally and the dev mailbox (`GET /dev/smtp`) shows the result.
 */
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Lower-cased header names → values as text. */
  headers: Record<string, string>;
  receivedAt: string;
}

export interface LocalSmtp {
  url: string;
  received: ReceivedMail[];
  stop: () => Promise<void>;
}

const addresses = (a: ParsedMail['to']): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? '')).filter(Boolean);

export const startSmtp = async (): Promise<LocalSmtp> => {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Loopback only, no TLS, no sign-in: a local test double of the mail relay.
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of m.headers)
            headers[k.toLowerCase()] = typeof v === 'string' ? v : JSON.stringify(v);
          received.push({
            to: addresses(m.to),
            from: addresses(m.from as ParsedMail['to'])[0] ?? '',
            subject: m.subject ?? '',
            text: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : '',
            headers,
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
