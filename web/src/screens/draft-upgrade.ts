/**
 * The offer to move a started draft to a newer published version of its questionnaire: shown
 * when one exists; the State confirms, pending answers are saved first, and the server says which
 * answers carried over and which were dropped (never silently lost).
 */
import { h } from 'preact';
import type { Instrument } from '#shared/domain/types.ts';
import { t } from '../i18n/index.ts';
import { ActionButton, useApp, useLoad } from '../ui.ts';

interface Upgrade {
  to: { version: number };
  carried: string[];
  dropped: { id: string; reason: string }[];
}

export const DraftUpgradeOffer = ({
  base,
  instrument,
  onVersion,
  beforeUpgrade,
  onDone,
}: {
  base: string;
  instrument: Instrument;
  /** The version the draft is on. */
  onVersion: number;
  /** Saves what is waiting, so the draft version sent is the current one. */
  beforeUpgrade: () => Promise<void>;
  onDone: () => void;
}) => {
  const { api, notify } = useApp();
  const list = useLoad(
    () => api.get<{ questionnaires: { instrument: string; latest: number }[] }>('/questionnaires'),
    [],
  );
  const latest = list.data?.questionnaires.find((q) => q.instrument === instrument)?.latest ?? 0;
  if (latest <= onVersion) return null;
  return h(
    'div',
    { class: 'notice', 'data-testid': 'draft-upgrade' },
    h('p', {}, t('draftUpgrade.offer', { current: onVersion, latest })),
    h(ActionButton, {
      label: t('draftUpgrade.action', { latest }),
      kind: 'secondary',
      confirm: t('draftUpgrade.confirm', { latest }),
      run: async () => {
        await beforeUpgrade();
        const draft = await api.get<{ version: number }>(`${base}/draft`);
        const result = await api.post<Upgrade>(
          `${base}/draft/upgrade`,
          {},
          { headers: { 'if-match': String(draft.version) } },
        );
        // Shown at the top of the screen, so it stays while the form reloads on the new version.
        const dropped = result.dropped.map((d) => d.id).join(', ');
        notify?.(
          `${t('draftUpgrade.done', {
            version: result.to.version,
            carried: result.carried.length,
            dropped: result.dropped.length,
          })}${dropped ? ` ${dropped}` : ''}`,
        );
        onDone();
      },
    }),
  );
};
