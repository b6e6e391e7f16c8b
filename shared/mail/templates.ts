/**
 * Mail texts as data, per template and language (the six UN languages), so the interface's
 * catalogs (issue 20) can reuse or replace them: `{name}`-style placeholders, plain text and
 * HTML. A language a template has no text for falls back to English, and says so.
 */
import type { Language } from '../domain/types.ts';

interface MailText {
  subject: string;
  /** Plain-text body; paragraphs separated by blank lines. */
  text: string;
}

const MAIL_TEMPLATE_IDS = ['invitation', 'notification'] as const;
export type MailTemplateId = (typeof MAIL_TEMPLATE_IDS)[number];

export const MAIL_TEMPLATES: Record<MailTemplateId, Partial<Record<Language, MailText>> & { en: MailText }> =
  {
    invitation: {
      en: {
        subject: 'Your invitation to the review platform',
        text: 'Dear {name},\n\n{state} has nominated you as {role}. To activate your account and complete your profile, open this link:\n\n{link}\n\nThe link can be used once and expires on {expires}. The secretariat approves your profile before you see any review.',
      },
      fr: {
        subject: "Votre invitation à la plateforme d'examen",
        text: "Madame, Monsieur {name},\n\n{state} vous a désigné(e) comme {role}. Pour activer votre compte et compléter votre profil, ouvrez ce lien :\n\n{link}\n\nLe lien ne peut servir qu'une fois et expire le {expires}. Le secrétariat approuve votre profil avant que vous ne voyiez un examen.",
      },
      // ru, ar, zh: translated by the team, not reviewed by a UN language service (docs/i18n.md).
      ru: {
        subject: 'Ваше приглашение на платформу обзора',
        text: 'Уважаемый(ая) {name}!\n\n{state} назначило вас в качестве: {role}. Чтобы активировать учетную запись и заполнить профиль, откройте эту ссылку:\n\n{link}\n\nСсылкой можно воспользоваться один раз; срок ее действия истекает {expires}. Секретариат утверждает ваш профиль, прежде чем вы увидите какой-либо обзор.',
      },
      ar: {
        subject: 'دعوتك إلى منصة الاستعراض',
        text: 'السيد/السيدة {name}،\n\nرشّحتك {state} بصفة {role}. لتفعيل حسابك واستكمال ملفك الشخصي، افتح هذا الرابط:\n\n{link}\n\nلا يمكن استخدام الرابط إلا مرة واحدة، وتنتهي صلاحيته في {expires}. توافق الأمانة على ملفك الشخصي قبل أن تطّلع على أي استعراض.',
      },
      zh: {
        subject: '您受邀使用审议平台',
        text: '{name}：\n\n{state}已提名您担任{role}。请打开以下链接激活账户并完善个人资料：\n\n{link}\n\n该链接仅可使用一次，于{expires}失效。秘书处批准您的个人资料后，您才能查看审议。',
      },
      es: {
        subject: 'Su invitación a la plataforma de examen',
        text: '{name}:\n\n{state} le ha designado como {role}. Para activar su cuenta y completar su perfil, abra este enlace:\n\n{link}\n\nEl enlace solo puede usarse una vez y caduca el {expires}. La secretaría aprueba su perfil antes de que usted vea ningún examen.',
      },
    },
    notification: {
      en: {
        subject: '{subject}',
        text: 'Dear {name},\n\n{items}\n\nOpen the platform: {link}\n\nYou can change how often you hear from us under Notifications.',
      },
      fr: {
        subject: '{subject}',
        text: 'Madame, Monsieur {name},\n\n{items}\n\nOuvrir la plateforme : {link}\n\nVous pouvez choisir la fréquence de ces messages sous Notifications.',
      },
      ru: {
        subject: '{subject}',
        text: 'Уважаемый(ая) {name}!\n\n{items}\n\nОткрыть платформу: {link}\n\nЧастоту этих сообщений можно изменить в разделе «Уведомления».',
      },
      ar: {
        subject: '{subject}',
        text: 'السيد/السيدة {name}،\n\n{items}\n\nافتح المنصة: {link}\n\nيمكنك تغيير عدد مرات تلقي هذه الرسائل من قسم الإشعارات.',
      },
      zh: {
        subject: '{subject}',
        text: '{name}：\n\n{items}\n\n打开平台：{link}\n\n您可以在“通知”中更改接收这些邮件的频率。',
      },
      es: {
        subject: '{subject}',
        text: '{name}:\n\n{items}\n\nAbrir la plataforma: {link}\n\nPuede elegir con qué frecuencia recibe estos mensajes en Notificaciones.',
      },
    },
  };

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const fill = (template: string, vars: Record<string, string>, encode: (s: string) => string): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? encode(vars[k] ?? '') : m));

const RTL: readonly Language[] = ['ar'];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The language the text is in (English when the template has none in the one asked for). */
  language: Language;
}

/** One mail in the recipient's language: plain text, and HTML with links made clickable. */
export const renderMail = (
  id: MailTemplateId,
  language: Language,
  vars: Record<string, string>,
): RenderedMail => {
  const own = MAIL_TEMPLATES[id][language];
  const t = own ?? MAIL_TEMPLATES[id].en;
  const used: Language = own ? language : 'en';
  const subject = fill(t.subject, vars, (s) => s.replace(/[\r\n]+/g, ' '));
  const text = fill(t.text, vars, (s) => s);
  const paragraphs = t.text.split(/\n{2,}/).map((p) => {
    const html = fill(escapeHtml(p), vars, escapeHtml).replace(/\n/g, '<br>');
    return `<p>${html.replace(/(https?:\/\/[^\s<]+)/g, (u) => `<a href="${u}">${u}</a>`)}</p>`;
  });
  const dir = RTL.includes(used) ? 'rtl' : 'ltr';
  const html = `<!doctype html><html lang="${used}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${paragraphs.join('')}</body></html>`;
  return { subject, text, html, language: used };
};
