/**
 * The page an activation link opens (`#/activate?token=…`), signed out: who the link is for, or
 * why it no longer works (the API's sentence: expired, used, replaced); then the person completes
 * their profile and activates. The secretariat approves the profile before any review opens.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Api, ApiError } from '../api.ts';
import { Busy, ErrorBox, Field, link } from '../ui.ts';

interface Invitation {
  name: string;
  title: string;
  institution: string;
  email: string;
  language: string;
  state: string | null;
  expiresAt: string;
}

export const ActivateScreen = ({ api, token }: { api: Api; token: string }) => {
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [profile, setProfile] = useState({ name: '', title: '', institution: '', language: 'en' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    api.post<Invitation>('/invitations/lookup', { token }).then(
      (inv) => {
        setInvitation(inv);
        setProfile({
          name: inv.name,
          title: inv.title,
          institution: inv.institution,
          language: inv.language,
        });
      },
      (err: unknown) => setRefused(err instanceof ApiError ? err.message : String(err)),
    );
  }, [api, token]);

  const set = (k: keyof typeof profile) => (e: Event) =>
    setProfile({ ...profile, [k]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/invitations/activation', { token, profile });
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 410) setRefused(err.message);
      else setError(err);
    }
  };

  const heading = h('h1', { tabIndex: -1 }, 'Activate your account');
  if (refused)
    return h(
      'section',
      { class: 'card narrow' },
      heading,
      h('p', { role: 'alert', 'data-testid': 'link-refused' }, refused),
    );
  if (done)
    return h(
      'section',
      { class: 'card narrow' },
      heading,
      h(
        'p',
        { role: 'status', 'data-testid': 'activated' },
        'Your account is active. The secretariat checks your profile against your nomination; once approved you see your reviews. ',
        link('/', 'Sign in'),
      ),
    );
  if (!invitation)
    return h('section', { class: 'card narrow' }, heading, h(Busy, { label: 'Reading your invitation…' }));
  const input = (k: keyof typeof profile, label: string) =>
    h(Field, { label, children: (id) => h('input', { id, name: k, value: profile[k], onInput: set(k) }) });
  return h(
    'form',
    { class: 'card narrow', onSubmit: submit },
    heading,
    h(
      'p',
      {},
      `For ${invitation.email}${invitation.state ? `, nominated by ${invitation.state}` : ''}. The link works until ${invitation.expiresAt.slice(0, 10)}.`,
    ),
    input('name', 'Name'),
    input('title', 'Title'),
    input('institution', 'Institution'),
    h(Field, {
      label: 'Preferred language',
      children: (id) =>
        h(
          'select',
          { id, name: 'language', value: profile.language, onChange: set('language') },
          ...['en', 'fr', 'es', 'ar', 'ru', 'zh'].map((l) => h('option', { value: l }, l)),
        ),
    }),
    h(ErrorBox, { error }),
    h('button', { type: 'submit', class: 'primary' }, 'Activate'),
  );
};
