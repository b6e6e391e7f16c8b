/**
 * What the registry holds: a State party and an organization as registered (with the version and
 * time of the last change), and a previewed UNTC import. Storage is in shared/repos/registry.ts.
 */
import * as z from 'zod';
import {
  InstrumentSchema,
  IsoDateSchema,
  OrganizationSchema,
  participationMatchesInstruments,
  RegistryStateBaseSchema,
} from '../types.ts';
import { RegistryDiffSchema } from './diff.ts';
import { UntcPartySchema } from './untc.ts';

export const RegisteredStateSchema = RegistryStateBaseSchema.extend({
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
}).superRefine(participationMatchesInstruments);

export type RegisteredState = z.infer<typeof RegisteredStateSchema>;

export const RegisteredOrganizationSchema = OrganizationSchema.extend({
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
});
export type RegisteredOrganization = z.infer<typeof RegisteredOrganizationSchema>;

/** A previewed UNTC import: the table as read, its diff and the registry it was computed on. */
export const UntcImportRecordSchema = z.object({
  importId: z.string(),
  status: z.enum(['previewed', 'applied']),
  instrument: InstrumentSchema,
  asOf: IsoDateSchema,
  source: z.string(),
  fileName: z.string(),
  fileDigest: z.string(),
  /** Digest of the registry the diff was computed against (apply refuses if it moved). */
  basisDigest: z.string(),
  diff: RegistryDiffSchema,
  table: z.object({
    parties: z.array(UntcPartySchema),
    organizations: z.array(UntcPartySchema),
    signatories: z.array(z.string()),
    unknown: z.array(z.string()),
  }),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  appliedAt: z.iso.datetime().optional(),
  appliedBy: z.string().optional(),
});
export type UntcImportRecord = z.infer<typeof UntcImportRecordSchema>;
