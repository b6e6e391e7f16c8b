/**
 * People fixtures over HTTP: nominate someone, invite them (the link is read from what the
 * platform's embedded SMTP server received), activate, approve. Shared by the integration and
 * e2e tests of the people area.
 */
import { expect } from 'vitest';
import type { Platform } from '../../scripts/local/platform.ts';
import type { apiClient } from './local-aws.ts';

type Call = ReturnType<typeof apiClient>;

export const profile = (name: string, email: string, language = 'en') => ({
  name,
  title: 'Director',
  institution: 'Ministry of Justice',
  email,
  language,
});

export const peopleFixtures = (platform: Platform, call: Call) => {
  /** The activation token in the newest mail to `to`. */
  const linkIn = (to: string): string => {
    const mail = [...platform.mail].reverse().find((m) => m.to.includes(to));
    const m = /#\/activate\?token=([^\s"<]+)/.exec(mail?.text ?? '');
    if (!m?.[1]) throw new Error(`no activation link in the mail to ${to}`);
    return decodeURIComponent(m[1]);
  };

  const nominate = async (state: string, people: unknown[]) => {
    const res = await call('secretariat-1', 'POST', '/nominations', {
      body: { state, noteReference: `NV/${people.length}/2026`, noteDate: '2026-01-20', people },
    });
    expect(res.status, res.text).toBe(201);
    return res.json as {
      nomination: { nominationId: string };
      people: { personId: string; version: number }[];
    };
  };

  const invite = async (personId: string) => {
    const sent = await call('secretariat-1', 'POST', '/invitations', { body: { personId } });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.json.delivered).toBe(true);
    return sent.json;
  };

  const activate = async (token: string, language = 'fr') => {
    const res = await call(null, 'POST', '/invitations/activation', {
      body: {
        token,
        profile: { name: 'Awa K. Koné', title: 'Director', institution: 'Ministry of Justice', language },
      },
    });
    expect(res.status, res.text).toBe(201);
    return res.json;
  };

  const inviteAndActivate = async (personId: string, email: string, language = 'fr') => {
    await invite(personId);
    const token = linkIn(email);
    await activate(token, language);
    return token;
  };

  const approve = async (personId: string) => {
    const current = await call('secretariat-1', 'GET', `/people/${personId}`);
    const res = await call('secretariat-1', 'POST', `/people/${personId}/approval`, {
      body: { expectedVersion: current.json.version },
    });
    expect(res.status, res.text).toBe(200);
    return res.json;
  };

  return { linkIn, nominate, invite, activate, inviteAndActivate, approve };
};
