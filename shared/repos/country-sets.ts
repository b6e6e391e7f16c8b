/**
 * Country sets edited by the secretariat and States' consents to share their answers with a
 * set. A shipped set (data/country-sets.json) lives in the table only once edited; each write is
 * conditional on the version read and carries its audit entry in the same transaction.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/clients.ts';
import { ConflictError } from '../domain/errors.ts';
import {
  type Consent,
  ConsentSchema,
  type CountrySet,
  CountrySetSchema,
} from '../domain/response-report/country-sets.ts';
import type { Iso3 } from '../domain/types.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { queryAll, tableName, writeAll } from './dynamo.ts';
import { countrySetKeys, GSI1 } from './keys.ts';

const setKey = countrySetKeys.set;
const consentKey = countrySetKeys.consent;
const INDEX = countrySetKeys.list;

export const listStoredSets = async (): Promise<CountrySet[]> =>
  (
    await queryAll({
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': INDEX },
    })
  ).map((i) => CountrySetSchema.parse(i));

const findStoredSet = async (id: string): Promise<CountrySet | null> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: setKey(id), ConsistentRead: true }),
  );
  return res.Item ? CountrySetSchema.parse(res.Item) : null;
};

/**
 * Saves `next` if the stored set is still at `storedVersion`, or, with `storedVersion` null, if
 * the table holds no copy yet (a new set, or the first edit of a shipped one).
 */
export const saveSet = async (
  next: CountrySet,
  storedVersion: number | null,
  audit: Omit<AuditInput, 'object' | 'version'>,
): Promise<CountrySet> => {
  await writeAll(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...setKey(next.id), gsi1pk: INDEX, gsi1sk: next.id, ...next },
          ...(storedVersion === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': storedVersion } }),
        },
      },
      auditPut(auditScope.countrySets(), {
        ...audit,
        object: `country-set/${next.id}`,
        version: next.version,
      }),
    ],
    `country set ${next.id} changed meanwhile; reload and retry`,
  ).catch(async (err) => {
    if (!(err instanceof ConflictError)) throw err;
    const current = await findStoredSet(next.id);
    throw new ConflictError(`country set ${next.id} changed meanwhile; reload and retry`, {
      current: { version: current?.version ?? null },
    });
  });
  return next;
};

/** Every consent recorded for a set (granted or withdrawn), read consistently: a withdrawal counts at once. */
export const listConsents = async (setId: string): Promise<Consent[]> =>
  (
    await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': setKey(setId).pk, ':c': countrySetKeys.consentPrefix },
      ConsistentRead: true,
    })
  ).map((i) => ConsentSchema.parse(i));

export const findConsent = async (setId: string, iso3: Iso3): Promise<Consent | null> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: consentKey(setId, iso3), ConsistentRead: true }),
  );
  return res.Item ? ConsentSchema.parse(res.Item) : null;
};

/** Records a consent or its withdrawal if the stored one is still at `next.version - 1`. */
export const saveConsent = async (
  next: Consent,
  audit: Omit<AuditInput, 'object' | 'version'>,
): Promise<Consent> => {
  const expected = next.version - 1;
  await writeAll(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...consentKey(next.setId, next.iso3), kind: 'country-set-consent', ...next },
          ...(expected === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expected } }),
        },
      },
      auditPut(auditScope.countrySets(), {
        ...audit,
        object: `country-set/${next.setId}/consent/${next.iso3}`,
        version: next.version,
      }),
    ],
    `the consent of ${next.iso3} for ${next.setId} changed meanwhile; reload and retry`,
  );
  return next;
};
