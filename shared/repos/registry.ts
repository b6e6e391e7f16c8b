/**
 * The registry of States parties kept by the secretariat: one item per State, seeded from the
 * reference data (data/states-parties.json) and edited with versioned, audited writes.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/clients.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { RegistryContent } from '../domain/registry/diff.ts';
import {
  type RegisteredOrganization,
  RegisteredOrganizationSchema,
  type RegisteredState,
  RegisteredStateSchema,
  type UntcImportRecord,
  UntcImportRecordSchema,
} from '../domain/registry/records.ts';
import type { Organization, RegistryState } from '../domain/types.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { isConditionFailure, putNew, queryAll, tableName, writeAll } from './dynamo.ts';
import { GSI1, registryKeys } from './keys.ts';

const key = registryKeys.state;
const INDEX = registryKeys.states;
const toItem = (s: RegisteredState) => ({ ...key(s.iso3), gsi1pk: INDEX, gsi1sk: s.name, ...s });

export const listStates = async (): Promise<RegisteredState[]> =>
  (
    await queryAll({
      IndexName: GSI1,
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

const orgKey = registryKeys.organization;
const ORG_INDEX = registryKeys.organizations;
const toOrgItem = (o: RegisteredOrganization) => ({
  ...orgKey(o.id),
  gsi1pk: ORG_INDEX,
  gsi1sk: o.name,
  ...o,
});

/** Organizations party to the instruments (the EU): kept apart from the States, never drawn. */
const listOrganizations = async (): Promise<RegisteredOrganization[]> =>
  (
    await queryAll({
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': ORG_INDEX },
    })
  ).map((i) => RegisteredOrganizationSchema.parse(i));

/** Adds the organizations not yet registered (existing entries are kept). */
export const importOrganizations = async (
  organizations: readonly Organization[],
  audit: Omit<AuditInput, 'object'>,
): Promise<number> => {
  let created = 0;
  for (const o of organizations) {
    try {
      await writeAll(
        [
          {
            Put: {
              TableName: tableName(),
              Item: toOrgItem({ ...o, version: 1, updatedAt: audit.now.toISOString() }),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          auditPut(auditScope.registry(), { ...audit, object: `organization/${o.id}`, version: 1 }),
        ],
        'exists',
      );
      created++;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  return created;
};

/** One entry an import writes: the next content of a State or organization and what changed. */
export interface ImportedEntry {
  kind: 'state' | 'organization';
  next: RegistryState | Organization;
  /** The stored version it replaces; null when the import registers it. */
  version: number | null;
  details: Record<string, unknown>;
}

/**
 * Writes each entry with its audit entry in one transaction, on the condition that the stored
 * version is still the one read (a concurrent edit makes that entry a 409, the rest stand).
 */
export const saveImportedEntries = async (
  entries: readonly ImportedEntry[],
  audit: Omit<AuditInput, 'object' | 'version' | 'details'>,
): Promise<void> => {
  const at = audit.now.toISOString();
  for (let i = 0; i < entries.length; i += 16) {
    await Promise.all(
      entries.slice(i, i + 16).map(async (e) => {
        const version = (e.version ?? 0) + 1;
        const id = e.kind === 'state' ? (e.next as RegistryState).iso3 : (e.next as Organization).id;
        const item =
          e.kind === 'state'
            ? toItem({ ...(e.next as RegistryState), version, updatedAt: at })
            : toOrgItem({ ...(e.next as Organization), version, updatedAt: at });
        await writeAll(
          [
            {
              Put: {
                TableName: tableName(),
                Item: item,
                ...(e.version === null
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': e.version } }),
              },
            },
            auditPut(auditScope.registry(), {
              ...audit,
              object: `${e.kind}/${id}`,
              version,
              details: e.details,
            }),
          ],
          `${e.kind} ${id} changed meanwhile; preview the import again`,
        );
      }),
    );
  }
};

const importKey = registryKeys.import;

export const putUntcImport = async (record: UntcImportRecord): Promise<void> =>
  putNew({ ...importKey(record.importId), ...record }, `import ${record.importId} exists`);

export const getUntcImport = async (importId: string): Promise<UntcImportRecord> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: importKey(importId), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError(`importId: no registry import ${importId}`);
  return UntcImportRecordSchema.parse(res.Item);
};

/** Marks a previewed import applied, once (a second apply is a 409). */
export const markUntcImportApplied = async (
  record: UntcImportRecord,
  audit: Omit<AuditInput, 'object'>,
): Promise<UntcImportRecord> => {
  const next: UntcImportRecord = {
    ...record,
    status: 'applied',
    appliedAt: audit.now.toISOString(),
    appliedBy: audit.principal.kind === 'user' ? audit.principal.sub : 'system',
  };
  await writeAll(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...importKey(record.importId), ...next },
          ConditionExpression: '#s = :previewed',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':previewed': 'previewed' },
        },
      },
      auditPut(auditScope.registry(), { ...audit, object: `import/${record.importId}` }),
    ],
    `import ${record.importId} was already applied`,
  );
  return next;
};

/** The stored registry with its versions, and its content as the pure registry functions see it. */
export const loadRegistryContent = async () => {
  const [states, organizations] = await Promise.all([listStates(), listOrganizations()]);
  const content: RegistryContent = {
    states: states.map(({ version: _v, updatedAt: _u, ...s }) => s),
    organizations: organizations.map(({ version: _v, updatedAt: _u, ...o }) => o),
  };
  return { states, organizations, content };
};
