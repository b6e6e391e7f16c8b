/** An entry of the audit log: who changed what, when, and the object's version after the change. */
import * as z from 'zod';

export const AuditEntrySchema = z.object({
  at: z.iso.datetime(),
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  /** What changed, e.g. `review/C2026.CIV` or `comment/…`. */
  object: z.string(),
  /** The object's version after the change, when it has one. */
  version: z.number().int().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
