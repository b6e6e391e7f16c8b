/**
 * The registry of States parties kept by the secretariat: one item per State, seeded from the
 * reference data (data/states-parties.json) and edited with versioned, audited writes.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dynamo } from '../aws/clients.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import {
  participationMatchesInstruments,
  type RegistryState,
  RegistryStateBaseSchema,
} from '../domain/types.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { isConditionFailure, queryAll, tableName, writeAll } from './dynamo.ts';

export const RegisteredStateSchema = RegistryStateBaseSchema.extend({
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
}).superRefine(participationMatchesInstruments);
export type RegisteredState = z.infer<typeof RegisteredStateSchema>;

const key = (iso3: string) => ({ pk: `STATE#${iso3}`, sk: 'META' });
const INDEX = 'STATES';
const toItem = (s: RegisteredState) => ({ ...key(s.iso3), gsi1pk: INDEX, gsi1sk: s.name, ...s });

export const listStates = async (): Promise<RegisteredState[]> =>
  (
    await queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': INDEX },
    })
  ).map((i) => RegisteredStateSchema.parse(i));

export const getState = async (iso3: string): Promise<RegisteredState> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: key(iso3), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError(`iso3: ${iso3} is not in the registry of States parties`);
  return RegisteredStateSchema.parse(res.Item);
};

/** Adds the States not yet registered (existing entries are kept as edited). */
export const importStates = async (
  states: readonly RegistryState[],
  audit: Omit<AuditInput, 'object'>,
): Promise<{ created: number; existing: number }> => {
  let created = 0;
  let existing = 0;
  const at = audit.now.toISOString();
  // Small batches keep DynamoDB Local and on-demand capacity comfortable.
  for (let i = 0; i < states.length; i += 16) {
    await Promise.all(
      states.slice(i, i + 16).map(async (s) => {
        try {
          await dynamo().send(
            new PutCommand({
              TableName: tableName(),
              Item: toItem({ ...s, version: 1, updatedAt: at }),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          created++;
        } catch (err) {
          if (!isConditionFailure(err)) throw err;
          existing++;
        }
      }),
    );
  }
  if (created > 0) {
    await writeAll(
      [auditPut(auditScope.registry(), { ...audit, object: 'registry', details: { created, existing } })],
      'audit entry exists',
    );
  }
  return { created, existing };
};

/** Saves `next` if the stored entry still has `next.version - 1`. */
export const saveState = async (next: RegisteredState, audit: Omit<AuditInput, 'object' | 'version'>) => {
  try {
    await writeAll(
      [
        {
          Put: {
            TableName: tableName(),
            Item: toItem(next),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': next.version - 1 },
          },
        },
        auditPut(auditScope.registry(), { ...audit, object: `state/${next.iso3}`, version: next.version }),
      ],
      'changed meanwhile',
    );
  } catch (err) {
    if (err instanceof ConflictError) {
      const current = await getState(next.iso3);
      throw new ConflictError(`state ${next.iso3} changed meanwhile; reload and retry`, {
        current: { version: current.version },
      });
    }
    throw err;
  }
  return next;
};
