import * as z from 'zod';
import {
  InstrumentSchema,
  Iso3Schema,
  RegionalGroupSchema,
  RegistryStateBaseSchema,
} from '../../domain/types.ts';
import { RegisteredStateSchema } from '../../repos/registry.ts';
import { defineRoute } from '../route.ts';

export const Iso3ParamsSchema = z.object({ iso3: Iso3Schema });

/** Participation changes only through a UNTC import (each fact keeps its source); the rest is editable. */
export const StateUpdateSchema = RegistryStateBaseSchema.omit({
  iso3: true,
  instruments: true,
  participation: true,
})
  .partial()
  .strict();
export type StateUpdate = z.infer<typeof StateUpdateSchema>;

export const registryRoutes = [
  defineRoute({
    operationId: 'listStates',
    method: 'GET',
    path: '/states',
    fn: 'registry',
    auth: 'user',
    summary: 'The registry of States parties, filtered by regional group and instrument',
    tags: ['registry'],
    query: z
      .object({ group: RegionalGroupSchema.optional(), instrument: InstrumentSchema.optional() })
      .strict(),
    response: z.object({ states: z.array(RegisteredStateSchema) }),
  }),
  defineRoute({
    operationId: 'getState',
    method: 'GET',
    path: '/states/{iso3}',
    fn: 'registry',
    auth: 'user',
    summary: 'One State party',
    tags: ['registry'],
    params: Iso3ParamsSchema,
    response: RegisteredStateSchema,
  }),
  defineRoute({
    operationId: 'updateState',
    method: 'PATCH',
    path: '/states/{iso3}',
    fn: 'registry',
    auth: 'user',
    summary: 'Edit a State party (secretariat; If-Match: the version read)',
    tags: ['registry'],
    params: Iso3ParamsSchema,
    headers: ['if-match'],
    body: StateUpdateSchema,
    response: RegisteredStateSchema,
  }),
  defineRoute({
    operationId: 'importReferenceData',
    method: 'POST',
    path: '/registry/imports',
    fn: 'registry',
    auth: 'user',
    summary: 'Add the States parties of the reference data that are not registered yet (secretariat)',
    tags: ['registry'],
    response: z.object({ created: z.number().int(), existing: z.number().int() }),
  }),
] as const;
