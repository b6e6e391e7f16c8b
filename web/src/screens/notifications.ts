/**
 * Notifications: what the platform delivered to the user (their own, their State's and, for the
 * secretariat, its group mailbox), newest first, with what is unread marked; "Mark all as read"
 * moves the read marker. The header's bell shows the unread count (`useUnreadCount`).
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { t } from '../i18n/index.ts';
import type { NotificationsPage } from '../types.ts';
import { ActionButton, fmtDateTime, link, Show, useApp, useLoad } from '../ui.ts';
import { NotificationPreferencesCard } from './preferences.ts';

/** The number of unread notifications, read again on every navigation (`route`). */
export const useUnreadCount = (api: Api, route: string, signedIn: boolean): number | null => {
  const [n, setN] = useState<number | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    api.get<NotificationsPage>('/me/notifications?limit=100').then(
      (p) => live && setN(p.messages.filter((m) => m.unread).length),
      () => live && setN(null),
    );
    return () => {
      live = false;
    };
  }, [api, route, signedIn]);
  return n;
};

export const NotificationsScreen = () => {
  const { api } = useApp();
  const load = useLoad(() => api.get<NotificationsPage>('/me/notifications?limit=100'), []);
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, t('notifications.title')),
    h(Show<NotificationsPage>, {
      load,
      children: (p) => [
        p.messages.length === 0
          ? h('p', { class: 'empty' }, t('notifications.none'))
          : h(
              'ul',
              { class: 'notifications' },
              ...p.messages.map((m) =>
                h(
                  'li',
                  { class: m.unread ? 'card unread' : 'card', 'data-unread': String(m.unread) },
                  h(
                    'p',
                    { class: 'meta' },
                    m.unread ? h('strong', {}, t('notifications.new')) : null,
                    fmtDateTime(m.deliveredAt),
                  ),
                  h('h2', { class: 'h3' }, m.subject),
                  h(
                    'ul',
                    {},
                    ...m.items.map((i) =>
                      h('li', {}, i.text, ' ', link(`/reviews/${i.reviewId}`, t('notifications.openReview'))),
                    ),
                  ),
                ),
              ),
            ),
        p.messages.some((m) => m.unread)
          ? h(ActionButton, {
              label: t('notifications.markRead'),
              kind: 'secondary',
              done: t('notifications.markedRead'),
              run: async () => {
                await api.post('/me/notifications/read', {});
                load.reload();
              },
            })
          : null,
      ],
    }),
    h(NotificationPreferencesCard, {}),
  );
};
