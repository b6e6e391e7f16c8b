import * as z from 'zod';
import { AuditEntrySchema } from '../../domain/audit.ts';
import {
  RegistryChangeSchema,
  RegistryFingerprintSchema,
  UnverifiedFactSchema,
} from '../../domain/registry/diff.ts';
import {
  RegisteredOrganizationSchema,
  RegisteredStateSchema,
  UntcImportRecordSchema,
} from '../../domain/registry/records.ts';
import {
  InstrumentSchema,
  Iso3Schema,
  RegionalGroupSchema,
  RegistryStateBaseSchema,
} from '../../domain/types.ts';
import { defineRoute } from '../route.ts';

const Iso3ParamsSchema = z.object({ iso3: Iso3Schema });

/** Participation changes only through a UNTC import (each fact keeps its source); the rest is editable. */
const StateUpdateSchema = RegistryStateBaseSchema.omit({
  iso3: true,
  instruments: true,
  participation: true,
})
  .partial()
  .strict();

const UntcImportBodySchema = z
  .object({
    instrument: InstrumentSchema,
    /** How the table was saved: the UNTC table as CSV, or the status page as HTML. */
    format: z.enum(['csv', 'html']),
    /** The file's text. */
    content: z.string().min(1, 'the uploaded file is empty'),
    fileName: z.string().max(200).optional(),
    /** The date the table speaks for; default: the page's "Status as at", else its newest action. */
    asOf: z.iso.date().optional(),
  })
  .strict();

const ImportParamsSchema = z.object({ importId: z.string().regex(/^[a-zA-Z0-9-]{1,100}$/) });

const RegistryStatusSchema = RegistryFingerprintSchema.extend({
  states: z.number().int(),
  organizations: z.array(RegisteredOrganizationSchema),
  unverified: z.array(UnverifiedFactSchema),
});

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
    version: 'required',
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
  defineRoute({
    operationId: 'getRegistryStatus',
    method: 'GET',
    path: '/registry',
    fn: 'registry',
    auth: 'user',
    summary: 'The registry as a whole: as-of date, digest, organizations and the facts with no source',
    tags: ['registry'],
    response: RegistryStatusSchema,
  }),
  defineRoute({
    operationId: 'previewUntcImport',
    method: 'POST',
    path: '/registry/untc-imports',
    fn: 'registry',
    auth: 'user',
    summary:
      'Upload a UN Treaty Collection participant table (CSV or saved HTML) and get its diff against the registry; changes nothing (secretariat)',
    tags: ['registry'],
    body: UntcImportBodySchema,
    status: 201,
    maxBodyBytes: 2 * 1024 * 1024,
    response: UntcImportRecordSchema,
  }),
  defineRoute({
    operationId: 'getUntcImport',
    method: 'GET',
    path: '/registry/untc-imports/{importId}',
    fn: 'registry',
    auth: 'user',
    summary: 'A previewed or applied UNTC import with its diff (secretariat)',
    tags: ['registry'],
    params: ImportParamsSchema,
    response: UntcImportRecordSchema,
  }),
  defineRoute({
    operationId: 'applyUntcImport',
    method: 'POST',
    path: '/registry/untc-imports/{importId}/apply',
    fn: 'registry',
    auth: 'user',
    summary:
      'Apply a previewed import: each change written and audited; 409 if the registry changed since the preview (secretariat)',
    tags: ['registry'],
    params: ImportParamsSchema,
    response: z.object({
      importId: z.string(),
      changes: z.array(RegistryChangeSchema),
      confirmed: z.number().int(),
      written: z.number().int(),
      registry: RegistryFingerprintSchema,
    }),
  }),
  defineRoute({
    operationId: 'listRegistryHistory',
    method: 'GET',
    path: '/registry/history',
    fn: 'registry',
    auth: 'user',
    summary: 'Registry history: what changed, when, by whom and from which import (secretariat)',
    tags: ['registry'],
    query: z
      .object({
        cursor: z.string().max(200).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      })
      .strict(),
    response: z.object({ entries: z.array(AuditEntrySchema), cursor: z.string().optional() }),
  }),
] as const;
