/**
 * Notification preferences under concurrent updates: every acknowledged change survives. Each
 * request changes one kind only, so whatever order the writes land in, the result is known.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DELIVERY_MODES, NOTIFICATION_KINDS } from '#shared/domain/notifications.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';

const platform = await useLocalPlatform();
afterAll(() => platform.stop());
const call = apiClient(platform);

describe('concurrent updates of notification preferences', () => {
  it('never lose an acknowledged change: each kind ends as its own request set it', async () => {
    const path = '/me/notification-preferences';
    for (let round = 0; round < 4; round++) {
      const wanted = Object.fromEntries(
        NOTIFICATION_KINDS.map((kind, i) => [kind, DELIVERY_MODES[(i + round) % DELIVERY_MODES.length]]),
      );
      // One request per kind, all at once (a settings page saving each toggle as it changes).
      const replies = await Promise.all(
        NOTIFICATION_KINDS.map((kind) => call('tur-expert', 'PUT', path, { body: { [kind]: wanted[kind] } })),
      );
      expect(replies.map((r) => r.status)).toEqual(NOTIFICATION_KINDS.map(() => 200));
      replies.forEach((r, i) => {
        const kind = NOTIFICATION_KINDS[i] as string;
        expect(r.json[kind]).toBe(wanted[kind]);
      });
      expect((await call('tur-expert', 'GET', path)).json).toEqual(wanted);
    }
  });
});
