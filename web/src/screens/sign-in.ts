/** Sign-in: a demo user locally (dev mode), the Cognito hosted UI in AWS. */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { cognitoSignIn, type Session, type User } from '../auth.ts';
import type { WebConfig } from '../config.ts';
import { Busy, ErrorBox, link } from '../ui.ts';

const ROLE_ORDER = ['secretariat', 'focal-point', 'expert', 'observer'] as const;

export const SignInScreen = ({
  config,
  onSignedIn,
}: {
  config: WebConfig;
  onSignedIn: (s: Session) => void;
}) => {
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (config.auth !== 'dev') return;
    fetch(`${config.apiBase}/dev/users`)
      .then(async (r) => {
        if (!r.ok) throw new Error(`demo users unavailable (${r.status})`);
        setUsers(((await r.json()) as { users: User[] }).users);
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
      onSignedIn({ token: body.token, user: body.user });
      location.hash = '/';
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
      h('h1', { tabIndex: -1 }, 'Sign in'),
      h('p', {}, 'Access is by invitation. Sign in with the account your invitation created.'),
      h('button', { type: 'button', class: 'primary', onClick: () => cognitoSignIn(config) }, 'Sign in'),
      h('p', {}, link('/public', 'Published country summaries'), ' are open to everyone.'),
    );
  }
  const sorted = [...(users ?? [])].sort(
    (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name),
  );
  return h(
    'section',
    { class: 'card narrow' },
    h('h1', { tabIndex: -1 }, 'Sign in (local demo)'),
    h(
      'p',
      {},
      'Pick a demo account. Each sees only what its role may see; the API enforces the same rules. ',
      link('/public', 'Published country summaries'),
      ' need no account.',
    ),
    h(ErrorBox, { error }),
    users === null && !error
      ? h(Busy, { label: 'Loading demo accounts…' })
      : h(
          'ul',
          { class: 'users' },
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
                h('span', { class: 'muted' }, ` ${u.role}${u.state ? ` · ${u.state}` : ''}`),
              ),
            ),
          ),
        ),
  );
};
