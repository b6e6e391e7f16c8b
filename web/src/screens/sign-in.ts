/** Sign-in: a demo user locally (dev mode), the Cognito hosted UI in AWS. */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { cognitoSignIn, type Session, type User } from '../auth.ts';
import type { WebConfig } from '../config.ts';
import { t } from '../i18n/index.ts';
import { roleLabel } from '../labels.ts';
import { Busy, ErrorBox, Field, iso3Of, link, type StateOption, StatePicker } from '../ui.ts';

const ROLE_ORDER = ['secretariat', 'focal-point', 'expert', 'observer'] as const;

export const SignInScreen = ({
  config,
  onSignedIn,
}: {
  config: WebConfig;
  onSignedIn: (s: Session) => void;
}) => {
  const [users, setUsers] = useState<User[] | null>(null);
  /** Directory people who activated their account (docs/people.md). */
  const [people, setPeople] = useState<
    { personId: string; name: string; state: string | null; status: string }[]
  >([]);
  const [states, setStates] = useState<StateOption[]>([]);
  const [anyState, setAnyState] = useState('');
  const [anyRole, setAnyRole] = useState<'focal-point' | 'expert'>('focal-point');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (config.auth !== 'dev') return;
    fetch(`${config.apiBase}/dev/users`)
      .then(async (r) => {
        if (!r.ok) throw new Error(`demo users unavailable (${r.status})`);
        const body = (await r.json()) as { users: User[]; states?: StateOption[]; people?: typeof people };
        setUsers(body.users);
        setPeople(body.people ?? []);
        setStates(body.states ?? []);
      })
      .catch(setError);
  }, [config]);

  const signIn = async (sub: string) => {
    setBusy(sub);
    setError(null);
    try {
      const r = await fetch(`${config.apiBase}/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub }),
      });
      const body = (await r.json()) as { token?: string; user?: User; error?: { message: string } };
      if (!r.ok || !body.token || !body.user) {
        throw new ApiError(r.status, 'SIGN_IN', body.error?.message ?? 'sign-in failed', [], null);
      }
      // The address stays: a deep link opened signed out shows its page once signed in.
      onSignedIn({ token: body.token, user: body.user });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  if (config.auth === 'cognito') {
    return h(
      'section',
      { class: 'card narrow' },
      h('h1', { tabIndex: -1 }, t('signIn.title')),
      h('p', {}, t('signIn.byInvitation')),
      h(
        'button',
        { type: 'button', class: 'primary', onClick: () => void cognitoSignIn(config) },
        t('signIn.title'),
      ),
      h(
        'p',
        {},
        t('signIn.publicOpen'),
        ' ',
        link('/public', t('signIn.publicLink')),
        ' · ',
        link('/public/status', t('signIn.publicStatus')),
        ' · ',
        link('/public/findings', t('signIn.publicFindings')),
      ),
    );
  }
  const sorted = [...(users ?? [])].sort(
    (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name),
  );
  return h(
    'section',
    { class: 'card narrow' },
    h('h1', { tabIndex: -1 }, t('signIn.demoTitle')),
    h('p', {}, t('signIn.demoIntro'), ' ', link('/public', t('signIn.publicLink'))),
    h(ErrorBox, { error }),
    users === null && !error
      ? h(Busy, { label: t('signIn.loading') })
      : h(
          'ul',
          { class: 'users', 'aria-label': t('signIn.accounts', { count: sorted.length }) },
          ...sorted.map((u) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'user',
                  'data-sub': u.sub,
                  disabled: busy !== null,
                  onClick: () => signIn(u.sub),
                },
                h('strong', {}, u.name),
                h('span', { class: 'muted' }, ` ${roleLabel(u.role)}${u.state ? ` · ${u.state}` : ''}`),
              ),
            ),
          ),
        ),
    people.length
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'people-h' },
          h('h2', { id: 'people-h' }, t('signIn.people')),
          h(
            'ul',
            { class: 'users' },
            ...people.map((p) =>
              h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'user',
                    'data-sub': p.personId,
                    disabled: busy !== null,
                    onClick: () => signIn(p.personId),
                  },
                  h('strong', {}, p.name),
                  h('span', { class: 'muted' }, ` ${p.status}${p.state ? ` · ${p.state}` : ''}`),
                ),
              ),
            ),
          ),
        )
      : null,
    states.length
      ? h(
          'form',
          {
            class: 'card',
            'aria-labelledby': 'any-state-h',
            onSubmit: (e: Event) => {
              e.preventDefault();
              const iso3 = iso3Of(anyState, states);
              if (!iso3) {
                setError(new Error(t('signIn.pickState')));
                return;
              }
              void signIn(`${anyRole}@${iso3}`);
            },
          },
          h('h2', { id: 'any-state-h' }, t('signIn.anyState')),
          h('p', { class: 'muted' }, t('signIn.anyStateIntro')),
          h(Field, {
            label: t('signIn.state'),
            hint: t('signIn.stateHint'),
            children: (id, d) =>
              h(StatePicker, { id, value: anyState, states, onChange: setAnyState, describedBy: d }),
          }),
          h(Field, {
            label: t('signIn.role'),
            children: (id) =>
              h(
                'select',
                {
                  id,
                  value: anyRole,
                  onChange: (e: Event) =>
                    setAnyRole((e.currentTarget as HTMLSelectElement).value as typeof anyRole),
                },
                h('option', { value: 'focal-point' }, roleLabel('focal-point')),
                h('option', { value: 'expert' }, roleLabel('expert')),
              ),
          }),
          h('button', { type: 'submit', class: 'primary', disabled: busy !== null }, t('signIn.forState')),
        )
      : null,
  );
};
