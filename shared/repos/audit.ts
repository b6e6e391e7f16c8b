/**
 * The audit log: one item per state change, appended in the same transaction as the change
 * itself (so there is no change without its entry), never updated or deleted.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../auth/principal.ts';
import { dynamo } from '../aws/clients.ts';
import { type AuditEntry, AuditEntrySchema } from '../domain/audit.ts';
import { tableName } from './dynamo.ts';
import { auditKeys } from './keys.ts';

/** Audit streams: one per review, one per cycle, one for the registry, one for country sets and consents, one per person. */
export const auditScope = {
  review: (reviewId: string) => `review#${reviewId}`,
  cycle: (cycleId: string) => `cycle#${cycleId}`,
  registry: () => 'registry',
  countrySets: () => 'country-sets',
  questionnaires: () => 'questionnaires',
  /** One person's history in the directory (profile, roles, invitations, approval, deactivation). */
  person: (personId: string) => `person#${personId}`,
  nominations: () => 'nominations',
} as const;

const pk = auditKeys.partition;

export interface AuditInput {
  principal: Principal;
  now: Date;
  action: string;
  object: string;
  version?: number;
  details?: Record<string, unknown>;
}

/** The Put to include in the transaction that makes the change. */
export const auditPut = (scope: string, a: AuditInput) => {
  const at = a.now.toISOString();
  const entry: AuditEntry = {
    at,
    actor: a.principal.kind === 'user' ? a.principal.sub : 'system',
    role: a.principal.kind === 'user' ? a.principal.role : 'system',
    action: a.action,
    object: a.object,
    version: a.version,
    details: a.details,
  };
  return {
    Put: {
      TableName: tableName(),
      Item: { pk: pk(scope), sk: auditKeys.sortKey(at, randomUUID()), ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
};

export const listAudit = async (
  scope: string,
  opts: { limit?: number; cursor?: string; newestFirst?: boolean } = {},
): Promise<{ entries: AuditEntry[]; cursor?: string }> => {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk(scope) },
      Limit: opts.limit ?? 100,
      ScanIndexForward: !opts.newestFirst,
      ExclusiveStartKey: opts.cursor ? { pk: pk(scope), sk: opts.cursor } : undefined,
    }),
  );
  const entries = (res.Items ?? []).map((i) => AuditEntrySchema.parse(i));
  const last = res.LastEvaluatedKey?.sk;
  return { entries, cursor: typeof last === 'string' ? last : undefined };
};
