/**
 * Notification preferences (GET/PUT /me/notification-preferences): for each kind of event, at
 * once, in a daily digest, or not at all. Only what changed is sent.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import {
  DELIVERY_MODES,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreferences,
} from '#shared/domain/notifications.ts';
import { ErrorBox, Field, Show, useApp, useLoad } from '../ui.ts';

const KIND_TEXT: Record<NotificationKind, string> = {
  comment: 'New comments from the reviewers',
  response: 'Responses to comments',
  'deadline-approaching': 'A deadline approaches',
  'deadline-missed': 'A deadline was missed',
  'state-changed': 'A review moves to its next step',
  assignment: 'Assignments and acknowledgements',
};
const MODE_TEXT: Record<(typeof DELIVERY_MODES)[number], string> = {
  immediate: 'At once',
  'daily-digest': 'In a daily digest',
  off: 'Not at all',
};

const PreferencesForm = ({ saved, onSaved }: { saved: NotificationPreferences; onSaved: () => void }) => {
  const { api, notify } = useApp();
  const [prefs, setPrefs] = useState<NotificationPreferences>(saved);
  const [error, setError] = useState<unknown>(null);
  const changed = NOTIFICATION_KINDS.filter((k) => prefs[k] !== saved[k]);
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'prefs-h',
      'data-testid': 'preferences',
      onSubmit: async (e: Event) => {
        e.preventDefault();
        setError(null);
        try {
          await api.put(
            '/me/notification-preferences',
            Object.fromEntries(changed.map((k) => [k, prefs[k]])),
          );
          notify?.('Your notification preferences are saved.');
          onSaved();
        } catch (err) {
          setError(err);
        }
      },
    },
    h('h2', { id: 'prefs-h' }, 'How you are told'),
    ...NOTIFICATION_KINDS.map((k) =>
      h(Field, {
        label: KIND_TEXT[k],
        children: (id) =>
          h(
            'select',
            {
              id,
              name: k,
              value: prefs[k],
              onChange: (e: Event) =>
                setPrefs({
                  ...prefs,
                  [k]: (e.currentTarget as HTMLSelectElement).value as (typeof prefs)[typeof k],
                }),
            },
            ...DELIVERY_MODES.map((m) => h('option', { value: m }, MODE_TEXT[m])),
          ),
      }),
    ),
    h(ErrorBox, { error }),
    h('button', { type: 'submit', class: 'primary', disabled: changed.length === 0 }, 'Save the preferences'),
  );
};

export const NotificationPreferencesCard = () => {
  const { api } = useApp();
  const load = useLoad(() => api.get<NotificationPreferences>('/me/notification-preferences'), []);
  return h(Show<NotificationPreferences>, {
    load,
    children: (p) => h(PreferencesForm, { key: JSON.stringify(p), saved: p, onSaved: load.reload }),
  });
};
