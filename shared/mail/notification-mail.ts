/**
 * Notifications by e-mail: a delivered in-app message also goes out through the one mail sender
 * (sender.ts) to a directory person, in their preferred language (the one they chose in the
 * interface, else their profile's), plain text and HTML. Group
 * mailboxes (a State's, the secretariat's) and people outside the directory stay in-app only.
 */

import { config } from '../config.ts';
import type { MailboxMessage } from '../domain/notifications.ts';
import { mailLanguage } from '../domain/user-preferences.ts';
import { findPerson } from '../repos/directory.ts';
import type { Transport } from '../repos/notifications.ts';
import { getUserPreferences } from '../repos/user-preferences.ts';
import { mailSender } from './sender.ts';
import { renderMail } from './templates.ts';

/** The address of the web UI, for links in e-mails. */
export const appUrl = (): string => config().WEB_APP_URL || `${config().WEB_ORIGIN.replace(/\/+$/, '')}/`;

/** One line per item: review and text. */
const itemLines = (m: MailboxMessage): string => m.items.map((i) => `- [${i.reviewId}] ${i.text}`).join('\n');

export const emailTransport: Transport = {
  name: 'email',
  send: async (m) => {
    const person = await findPerson(m.recipient).catch(() => null);
    if (!person || (person.status !== 'approved' && person.status !== 'activated')) return;
    const reviewId = m.reviewIds.length === 1 ? m.reviewIds[0] : undefined;
    const { language } = await getUserPreferences(person.personId);
    const mail = renderMail('notification', mailLanguage(language, person.language), {
      name: person.name,
      subject: m.subject,
      items: itemLines(m),
      link: reviewId ? `${appUrl()}#/reviews/${encodeURIComponent(reviewId)}` : `${appUrl()}#/notifications`,
    });
    await mailSender().send({
      ...mail,
      to: person.email,
      headers: { 'X-Cop-Review-Kind': 'notification', 'X-Cop-Review-Message': m.messageId },
    });
  },
};
