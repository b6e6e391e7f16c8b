/**
 * What a State agreed to show on the public review-status page: its focal point's institution.
 * One item per State (`STATE#{iso3}` / `PUBLIC-CONTACT`), listed through gsi1; no item = nothing
 * shown. Every change is audited in the registry stream.
 */
import type { Iso3 } from '../domain/types.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { queryAll, tableName, writeAll } from './dynamo.ts';
import { GSI1, registryKeys } from './keys.ts';

const INDEX = registryKeys.publicContacts;
const key = registryKeys.publicContact;

/** State → institution shown publicly. */
export const listPublicInstitutions = async (): Promise<Map<Iso3, string>> =>
  new Map(
    (
      await queryAll({
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': INDEX },
      })
    )
      .filter((i) => typeof i.institution === 'string')
      .map((i) => [String(i.iso3), String(i.institution)]),
  );

/** Shows `institution` for the State, or (null) withdraws it. */
export const savePublicInstitution = async (
  iso3: Iso3,
  institution: string | null,
  audit: Omit<AuditInput, 'object'>,
): Promise<void> => {
  const item =
    institution === null
      ? { ...key(iso3), iso3 }
      : { ...key(iso3), gsi1pk: INDEX, gsi1sk: iso3, iso3, institution };
  await writeAll(
    [
      { Put: { TableName: tableName(), Item: item } },
      auditPut(auditScope.registry(), {
        ...audit,
        object: `public-contact/${iso3}`,
        details: { institution },
      }),
    ],
    'the public contact changed meanwhile',
  );
};
