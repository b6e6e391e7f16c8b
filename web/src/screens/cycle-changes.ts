/**
 * Changing a cycle before its draw is confirmed, as the server offers it in the cycle's `actions`
 * (docs/draw.md): edit it, discard the proposed draw, withdraw the cycle — each discard and
 * withdrawal with a reason, asked first. The draw history shows every draw, discarded ones with
 * who, when and why; nothing is erased.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import type { CycleView } from '../types.ts';
import { fmtDate, link, Show, Table, TextAction, useApp, useLoad } from '../ui.ts';
import { EditCycleForm } from './cycle-form.ts';

interface DrawHistory {
  draws: {
    drawId: string;
    recordDigest: string;
    status: 'proposed' | 'confirmed' | 'discarded' | 'superseded';
    discarded?: { reason: string; by: string; at: string };
  }[];
}

const statusLabel = (s: DrawHistory['draws'][number]['status']) =>
  ({
    proposed: t('drawHistory.status.proposed'),
    confirmed: t('drawHistory.status.confirmed'),
    discarded: t('drawHistory.status.discarded'),
    superseded: t('drawHistory.status.superseded'),
  })[s];

/** Who set something aside, when and why, in words. */
export const setAsideText = (x: { reason: string; by: string; at: string }) =>
  t('drawHistory.setAside', { date: fmtDate(x.at), by: x.by, reason: x.reason });

/** A reason asked in a small form, then the browser's confirmation, then the request. */
const ReasonAction = ({
  label,
  fieldLabel,
  hint,
  question,
  done,
  run,
}: {
  label: string;
  fieldLabel: string;
  hint: string;
  question: string;
  done: string;
  run: (reason: string) => Promise<unknown>;
}) => {
  const { notify } = useApp();
  return h(TextAction, {
    label,
    fieldLabel,
    hint,
    submitLabel: label,
    kind: 'danger',
    run: async (reason) => {
      if (!window.confirm(question)) return;
      await run(reason);
      notify?.(done);
    },
  });
};

/** The secretariat's changes to a cycle before its draw is confirmed. */
export const CycleChanges = ({ cycle, onChanged }: { cycle: CycleView; onChanged: () => void }) => {
  const { api } = useApp();
  const [editing, setEditing] = useState(false);
  const actions = cycle.actions ?? [];
  if (editing)
    return h(EditCycleForm, {
      cycle,
      onCancel: () => setEditing(false),
      onSaved: () => {
        setEditing(false);
        onChanged();
      },
    });
  if (!actions.length) return null;
  return h(
    'div',
    { class: 'actions', 'data-testid': 'cycle-changes' },
    actions.includes('edit')
      ? h(
          'button',
          { type: 'button', class: 'secondary', onClick: () => setEditing(true) },
          t('cycleChanges.edit'),
        )
      : null,
    actions.includes('discard-draw') && cycle.proposedDrawId
      ? h(ReasonAction, {
          label: t('cycleChanges.discard'),
          fieldLabel: t('cycleChanges.discard.reason'),
          hint: t('cycleChanges.discard.hint'),
          question: t('cycleChanges.discard.question'),
          done: t('cycleChanges.discard.done'),
          run: (reason) =>
            api
              .post(`/cycles/${cycle.cycleId}/draws/${cycle.proposedDrawId}/discard`, { reason })
              .then(onChanged),
        })
      : null,
    actions.includes('withdraw')
      ? h(ReasonAction, {
          label: t('cycleChanges.withdraw'),
          fieldLabel: t('cycleChanges.withdraw.reason'),
          hint: t('cycleChanges.withdraw.hint'),
          question: t('cycleChanges.withdraw.question'),
          done: t('cycleChanges.withdraw.done'),
          run: (reason) => api.post(`/cycles/${cycle.cycleId}/withdrawal`, { reason }).then(onChanged),
        })
      : null,
  );
};

/** Every draw of the cycle and where it stands; shown once the cycle has had more than one, or a discarded one. */
export const DrawHistoryView = ({ cycle }: { cycle: CycleView }) => {
  const { api } = useApp();
  const load = useLoad(
    () => api.get<DrawHistory>(`/cycles/${cycle.cycleId}/draws`),
    [cycle.cycleId, cycle.version],
  );
  return h(Show<DrawHistory>, {
    load,
    children: ({ draws }) =>
      draws.length === 0
        ? null
        : h(
            'section',
            { 'aria-labelledby': 'draw-history', 'data-testid': 'draw-history' },
            h('h2', { id: 'draw-history' }, t('drawHistory.title')),
            h(Table, {
              caption: t('drawHistory.caption'),
              head: [t('drawHistory.col.draw'), t('drawHistory.col.status'), t('drawHistory.col.discarded')],
              rows: draws.map((d) => [
                link(
                  `/cycles/${cycle.cycleId}/draws/${d.drawId}`,
                  t('drawHistory.verify', { draw: d.drawId }),
                ),
                h(
                  'span',
                  { class: `badge draw-${d.status}`, 'data-status': d.status },
                  statusLabel(d.status),
                ),
                d.discarded ? setAsideText(d.discarded) : '—',
              ]),
            }),
          ),
  });
};
