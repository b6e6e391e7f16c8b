/** The cycle and draw routes bound to their use cases (shared/use-cases/cycles.ts). */
import { cycleUseCases as uc } from '../../use-cases/cycles.ts';
import { bind, created, ok } from '../bind.ts';
import type { Operations } from '../operation.ts';

export const cycleBindings: Operations<'cycles'> = {
  createCycle: bind(uc.createCycle, { input: (req) => req.body, reply: created() }),
  listCycles: bind(uc.listCycles, { input: () => undefined, reply: ok }),
  getCycle: bind(uc.getCycle, { input: (req) => req.params, reply: ok }),
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
