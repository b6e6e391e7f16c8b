/** The cycle and draw routes bound to their use cases (shared/use-cases/cycles.ts). */
import { cycleChangeUseCases as changes } from '../../use-cases/cycle-changes.ts';
import { cycleUseCases as uc } from '../../use-cases/cycles.ts';
import { setPublicStatusPolicy } from '../../use-cases/public/status-policy.ts';
import { bind, created, ok, withEtag } from '../bind.ts';
import type { Operations } from '../operation.ts';

export const cycleBindings: Operations<'cycles'> = {
  createCycle: bind(uc.createCycle, { input: (req) => req.body, reply: created() }),
  listCycles: bind(uc.listCycles, { input: () => undefined, reply: ok }),
  getCycle: bind(uc.getCycle, { input: (req) => req.params, reply: withEtag }),
  updateCycle: bind(changes.updateCycle, {
    input: (req) => ({
      cycleId: req.params.cycleId,
      expectedVersion: req.expectedVersion,
      changes: req.body,
    }),
    reply: withEtag,
  }),
  withdrawCycle: bind(changes.withdrawCycle, { input: (req) => ({ ...req.params, ...req.body }), reply: ok }),
  listDraws: bind(changes.listDraws, { input: (req) => req.params, reply: ok }),
  discardDraw: bind(changes.discardDraw, { input: (req) => ({ ...req.params, ...req.body }), reply: ok }),
  setPublicStatusPolicy: bind(setPublicStatusPolicy, {
    input: (req) => ({ ...req.params, expectedVersion: req.expectedVersion, ...req.body }),
    reply: withEtag,
  }),
  dryRunDraw: bind(uc.dryRunDraw, { input: (req) => req.params, reply: ok }),
  proposeDraw: bind(uc.proposeDraw, { input: (req) => req.params, reply: created() }),
  getDraw: bind(uc.getDraw, { input: (req) => req.params, reply: ok }),
  verifyDraw: bind(uc.verifyDraw, { input: (req) => req.params, reply: ok }),
  confirmDraw: bind(uc.confirmDraw, { input: (req) => req.params, reply: ok }),
  requestRedraw: bind(uc.requestRedraw, {
    input: (req) => ({ ...req.params, ...req.body }),
    reply: created(),
  }),
  getAssignments: bind(uc.getAssignments, { input: (req) => ({ ...req.params, ...req.query }), reply: ok }),
  listCycleReviews: bind(uc.listCycleReviews, { input: (req) => req.params, reply: ok }),
};
