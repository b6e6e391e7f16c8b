import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '#shared/domain/types.ts';
import { MAIL_TEMPLATES, renderMail } from '#shared/mail/templates.ts';

const vars = {
  name: 'Awa <Koné>',
  state: 'CIV',
  role: 'focal point',
  link: 'http://x.test/ui/#/activate?token=a.b',
  expires: '2026-02-01',
};

describe('mail templates', () => {
  it('have English for every template, the fallback of every language', () => {
    for (const t of Object.values(MAIL_TEMPLATES)) expect(t.en.subject.length).toBeGreaterThan(0);
    for (const lang of LANGUAGES)
      expect(['en', lang]).toContain(renderMail('invitation', lang, vars).language);
  });

  it('render the recipient language with the link in both parts, escaping names in HTML only', () => {
    const fr = renderMail('invitation', 'fr', vars);
    expect(fr.language).toBe('fr');
    expect(fr.subject).toMatch(/invitation/);
    expect(fr.text).toContain('Awa <Koné>');
    expect(fr.text).toContain(vars.link);
    expect(fr.html).toContain('Awa &lt;Koné&gt;');
    expect(fr.html).toContain(`<a href="${vars.link}">`);
    expect(fr.html).toMatch(/^<!doctype html><html lang="fr" dir="ltr">/);
  });

  it('fall back to English for a language without a text yet, and say so', () => {
    const ar = renderMail('invitation', 'ar', vars);
    expect(ar.language).toBe(MAIL_TEMPLATES.invitation.ar ? 'ar' : 'en');
  });

  it('write the invitation in Arabic (right to left), Chinese and Russian', () => {
    const ar = renderMail('invitation', 'ar', vars);
    expect(ar.language).toBe('ar');
    expect(ar.html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(ar.subject).toBe('دعوتك إلى منصة الاستعراض');
    expect(renderMail('invitation', 'zh', vars).text).toContain(vars.link);
    expect(renderMail('notification', 'ru', { ...vars, items: '—', subject: 'S' }).language).toBe('ru');
  });
});
