/**
 * The secretariat's people screens: the directory (status, roles, and the next step for each
 * person: send or re-send the activation link, approve the activated profile, deactivate), a
 * form to record a State's nomination (one person per note here; the API takes several), and the
 * invitations sent. Everything the API refuses is shown beside the action, in its words.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { ActionButton, ErrorBox, Field, fmtDate, Show, Table, useApp, useLoad } from '../ui.ts';

interface Role {
  role: string;
  state: string | null;
  reviewId: string | null;
  from?: string;
  until?: string;
  endedBecause?: string;
}
interface Person {
  personId: string;
  name: string;
  email: string;
  language: string;
  state: string | null;
  status: string;
  roles: Role[];
  version: number;
  invitation?: { sentAt: string; expiresAt: string };
}
interface Invitation {
  invitationId: string;
  personId: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  supersededAt?: string;
}

const rolesText = (roles: readonly Role[]) =>
  roles
    .map(
      (r) =>
        `${r.role}${r.reviewId ? ` in ${r.reviewId}` : ''}${r.until ? ` (ended: ${r.endedBecause ?? 'ended'})` : r.from ? '' : ' (awaiting approval)'}`,
    )
    .join('; ') || '—';

const NominationForm = ({ people, onDone }: { people: Person[]; onDone: () => void }) => {
  const { api, notify } = useApp();
  const [f, setF] = useState({
    state: '',
    noteReference: '',
    noteDate: '',
    name: '',
    email: '',
    language: 'en',
    role: 'focal-point',
    reviewId: '',
    replaces: '',
  });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const input = (k: keyof typeof f, label: string, type = 'text') =>
    h(Field, { label, children: (id) => h('input', { id, type, name: k, value: f[k], onInput: set(k) }) });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/nominations', {
        state: f.state.trim().toUpperCase(),
        noteReference: f.noteReference,
        noteDate: f.noteDate,
        people: [
          {
            profile: { name: f.name, email: f.email, language: f.language },
            role: f.role,
            reviewId: f.reviewId.trim() || null,
            ...(f.replaces ? { replaces: f.replaces } : {}),
          },
        ],
      });
      notify?.(`Nomination recorded: ${f.name} (${f.role}).`);
      setF({ ...f, name: '', email: '', replaces: '' });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  const sameState = people.filter((p) => p.state === f.state.trim().toUpperCase() && p.status === 'approved');
  return h(
    'form',
    { class: 'card', onSubmit: submit, 'aria-labelledby': 'nominate-h' },
    h('h2', { id: 'nominate-h' }, 'Record a nomination'),
    input('state', 'State (ISO3 code)'),
    input('noteReference', 'Diplomatic note reference'),
    input('noteDate', 'Date of the note', 'date'),
    input('name', 'Name'),
    input('email', 'E-mail', 'email'),
    h(Field, {
      label: 'Preferred language',
      children: (id) =>
        h(
          'select',
          { id, name: 'language', value: f.language, onChange: set('language') },
          ...['en', 'fr', 'es', 'ar', 'ru', 'zh'].map((l) => h('option', { value: l }, l)),
        ),
    }),
    h(Field, {
      label: 'Role',
      children: (id) =>
        h(
          'select',
          { id, name: 'role', value: f.role, onChange: set('role') },
          ...['focal-point', 'expert', 'observer'].map((r) => h('option', { value: r }, r)),
        ),
    }),
    input('reviewId', 'Review (e.g. C2026.CIV; empty: every review)'),
    h(Field, {
      label: 'Replaces (hand-over)',
      children: (id) =>
        h(
          'select',
          { id, name: 'replaces', value: f.replaces, onChange: set('replaces') },
          h('option', { value: '' }, 'nobody'),
          ...sameState.map((p) => h('option', { value: p.personId }, `${p.name} (${rolesText(p.roles)})`)),
        ),
    }),
    h(ErrorBox, { error }),
    h('button', { type: 'submit', class: 'primary' }, 'Record the nomination'),
  );
};

export const PeopleScreen = () => {
  const { api } = useApp();
  const [tick, setTick] = useState(0);
  const reload = () => setTick((t) => t + 1);
  const load = useLoad(async () => {
    const [people, invitations] = await Promise.all([
      api.get<{ people: Person[] }>('/people'),
      api.get<{ invitations: Invitation[] }>('/invitations'),
    ]);
    return { people: people.people, invitations: invitations.invitations };
  }, [tick]);
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, 'People'),
    h(Show<{ people: Person[]; invitations: Invitation[] }>, {
      load,
      children: ({ people, invitations }) => {
        const name = (id: string) => people.find((p) => p.personId === id)?.name ?? id;
        return [
          h(Table, {
            caption: 'Directory',
            head: ['Name', 'State', 'E-mail', 'Status', 'Roles', 'Next step'],
            rows: people.map((p) => [
              p.name,
              p.state ?? '—',
              p.email,
              h('span', { 'data-testid': `status-${p.email}` }, p.status),
              rolesText(p.roles),
              h(
                'span',
                {},
                p.status === 'registered' || p.status === 'invited'
                  ? h(ActionButton, {
                      label:
                        p.status === 'invited'
                          ? `Re-send the link to ${p.name}`
                          : `Send the activation link to ${p.name}`,
                      run: async () => {
                        await api.post('/invitations', { personId: p.personId });
                        reload();
                      },
                      done: `Activation link sent to ${p.email}.`,
                    })
                  : null,
                p.status === 'activated'
                  ? h(ActionButton, {
                      label: `Approve ${p.name}`,
                      run: async () => {
                        await api.post(`/people/${p.personId}/approval`, { expectedVersion: p.version });
                        reload();
                      },
                      done: `${p.name} is approved and sees their reviews.`,
                    })
                  : null,
                p.status !== 'deactivated'
                  ? h(ActionButton, {
                      label: `Deactivate ${p.name}`,
                      kind: 'danger',
                      confirm: `Deactivate ${p.name}? They lose access at once.`,
                      run: async () => {
                        await api.post(`/people/${p.personId}/deactivation`, {
                          reason: 'deactivated by the secretariat',
                        });
                        reload();
                      },
                      done: `${p.name} is deactivated.`,
                    })
                  : null,
              ),
            ]),
          }),
          h(NominationForm, { people, onDone: reload }),
          h(Table, {
            caption: 'Invitations sent',
            head: ['To', 'Sent', 'Expires', 'State of the link'],
            rows: invitations.map((i) => [
              name(i.personId),
              fmtDate(i.createdAt),
              fmtDate(i.expiresAt),
              i.usedAt
                ? `used ${fmtDate(i.usedAt)}`
                : i.supersededAt
                  ? 'replaced by a newer link'
                  : Date.parse(i.expiresAt) < Date.now()
                    ? 'expired'
                    : 'open',
            ]),
          }),
        ];
      },
    }),
  );
};
