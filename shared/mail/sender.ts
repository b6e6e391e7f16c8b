/**
 * The one sender of e-mail: nodemailer over SMTP (locally the platform's embedded SMTP server,
 * see scripts/local/smtp.ts) or over SES in AWS (the stack grants `ses:SendEmail` on its
 * identity). `none` sends nothing and says so (unit-level runs without a mail server).
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { createTransport, type Transporter } from 'nodemailer';
import { config } from '../config.ts';
import type { RenderedMail } from './templates.ts';

interface Mail extends RenderedMail {
  to: string;
  /** Extra headers, e.g. the message's kind for filters. */
  headers?: Record<string, string>;
}

export interface MailSender {
  readonly transport: 'smtp' | 'ses' | 'none';
  /** Sends one mail; resolves to the Message-ID, or null when the transport sends nothing. */
  send: (mail: Mail) => Promise<string | null>;
}

const viaNodemailer = (transport: 'smtp' | 'ses', t: Transporter): MailSender => ({
  transport,
  send: async (mail) => {
    const info = await t.sendMail({
      from: config().MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'Content-Language': mail.language, ...mail.headers },
    });
    return String(info.messageId);
  },
});

let cached: MailSender | undefined;

/** The sender the configuration selects (MAIL_TRANSPORT), made once per process. */
export const mailSender = (): MailSender => {
  if (cached) return cached;
  const c = config();
  if (c.MAIL_TRANSPORT === 'smtp') {
    if (!c.SMTP_URL) throw new Error('MAIL_TRANSPORT=smtp needs SMTP_URL');
    cached = viaNodemailer('smtp', createTransport(c.SMTP_URL));
  } else if (c.MAIL_TRANSPORT === 'ses') {
    cached = viaNodemailer(
      'ses',
      createTransport({ SES: { sesClient: new SESv2Client({}), SendEmailCommand } }),
    );
  } else {
    cached = { transport: 'none', send: async () => null };
  }
  return cached;
};

/** Forget the sender (the local platform restarting with another SMTP port, e.g. in tests). */
export const resetMailSender = (): void => {
  cached = undefined;
};
