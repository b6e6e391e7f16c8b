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
import { type MessageKey, t } from '../i18n/index.ts';
import { ErrorBox, Field, Show, useApp, useLoad } from '../ui.ts';

/** Literal keys, so the catalog check sees each one used. */
const KIND_TEXT: Record<NotificationKind, MessageKey> = {
  comment: 'prefs.kind.comment',
  response: 'prefs.kind.response',
  'deadline-approaching': 'prefs.kind.deadline-approaching',
  'deadline-missed': 'prefs.kind.deadline-missed',
  'state-changed': 'prefs.kind.state-changed',
  assignment: 'prefs.kind.assignment',
};
const MODE_TEXT: Record<(typeof DELIVERY_MODES)[number], MessageKey> = {
  immediate: 'prefs.mode.immediate',
  'daily-digest': 'prefs.mode.daily-digest',
  off: 'prefs.mode.off',
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
          notify?.(t('prefs.saved'));
          onSaved();
        } catch (err) {
          setError(err);
        }
      },
    },
    h('h2', { id: 'prefs-h' }, t('prefs.title')),
    ...NOTIFICATION_KINDS.map((k) =>
      h(Field, {
        label: t(KIND_TEXT[k]),
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
            ...DELIVERY_MODES.map((m) => h('option', { value: m }, t(MODE_TEXT[m]))),
          ),
      }),
    ),
    h(ErrorBox, { error }),
    h('button', { type: 'submit', class: 'primary', disabled: changed.length === 0 }, t('prefs.save')),
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
