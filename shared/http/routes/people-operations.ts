/**
 * The HTTP binding of the people area: request → use case input, result → status and body.
 * The use cases (shared/use-cases/people/) know nothing of HTTP.
 */
import * as approvals from '../../use-cases/people/approvals.ts';
import { listContactCandidates } from '../../use-cases/people/candidates.ts';
import * as directory from '../../use-cases/people/directory.ts';
import * as invitations from '../../use-cases/people/invitations.ts';
import * as nominations from '../../use-cases/people/nominations.ts';
import { bind, ok } from '../bind.ts';
import { preferenceBindings } from '../bindings/preferences.ts';
import type { Operations } from '../lambda.ts';

export const peopleOperations: Operations<'people'> = {
  ...preferenceBindings,
  listContactCandidates: bind(listContactCandidates, {
    input: (req) => ({ state: req.params.iso3 }),
    reply: ok,
  }),
  listPeople: async ({ principal, query }) => ({
    body: { people: await directory.listPeople(principal, query) },
  }),
  registerPerson: async ({ principal, body, now }) => ({
    status: 201,
    body: await directory.registerPerson(principal, body, { now }),
  }),
  getPerson: async ({ principal, params }) => ({
    body: await directory.getPerson(principal, params.personId),
  }),
  updatePerson: async ({ principal, params, body, now }) => ({
    body: await directory.updatePerson(principal, { personId: params.personId, ...body }, { now }),
  }),
  getPersonHistory: async ({ principal, params }) => ({
    body: { entries: await directory.personHistory(principal, params.personId) },
  }),
  approvePerson: async ({ principal, params, body, now }) => ({
    body: await approvals.approvePerson(principal, { personId: params.personId, ...body }, { now }),
  }),
  deactivatePerson: async ({ principal, params, body, now }) => ({
    body: await approvals.deactivatePerson(principal, { personId: params.personId, ...body }, { now }),
  }),
  recordNomination: async ({ principal, body, now }) => ({
    status: 201,
    body: await nominations.recordNomination(principal, body, { now }),
  }),
  listNominations: async ({ principal, query }) => ({
    body: { nominations: await nominations.listNominations(principal, query) },
  }),
  getNomination: async ({ principal, params }) => ({
    body: await nominations.getNomination(principal, params.nominationId),
  }),
  sendInvitation: async ({ principal, body, now }) => ({
    status: 201,
    body: await invitations.sendInvitation(principal, body, { now }),
  }),
  listInvitations: async ({ principal, query }) => ({
    body: { invitations: await invitations.listInvitations(principal, query) },
  }),
  lookupInvitation: async ({ body, now }) => ({
    body: await invitations.lookupInvitation(body.token, { now }),
  }),
  activateInvitation: async ({ body, now }) => ({
    status: 201,
    body: await invitations.activate(body, { now }),
  }),
};
