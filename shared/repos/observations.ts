/**
 * The list of observations of a review, in the review's partition (layout in docs/dialogue.md):
 *
 *   OBS#{id}   one entry, with its own history, versioned
 *   OBSLIST    the list: a version bumped by every entry change, the focal points'
 *              confirmations (each naming the list version it saw), and the finalisation
 *
 * An entry change and the list version bump are one transaction that also requires the list not
 * to be final, so a confirmation or finalisation always refers to exactly the entries it saw.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/clients.ts';
import {
  type Entry,
  EntrySchema,
  emptyList,
  type ListConfirmation,
  type ObservationList,
  ObservationListSchema,
} from '../domain/dialogue.ts';
import { ConflictError } from '../domain/errors.ts';
import { type Observation, ObservationSchema } from '../domain/summary/input.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { transact } from './comments.ts';
import { tableName, type writeAll } from './dynamo.ts';
import { observationKeys, reviewKeys } from './keys.ts';

type TransactItem = Parameters<typeof writeAll>[0][number];

const pk = reviewKeys.partition;

const strip = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest;
};

export const listEntries = async (reviewId: string): Promise<Entry[]> => {
  const out: Entry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk(reviewId), ':prefix': observationKeys.prefix },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(res.Items ?? []).map((i) => EntrySchema.parse(strip(i))));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
};

export const findEntry = async (reviewId: string, id: string): Promise<Entry | null> => {
  const res = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: observationKeys.entry(reviewId, id),
      ConsistentRead: true,
    }),
  );
  return res.Item ? EntrySchema.parse(strip(res.Item)) : null;
};

export const getList = async (reviewId: string): Promise<ObservationList> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: observationKeys.list(reviewId), ConsistentRead: true }),
  );
  return res.Item ? ObservationListSchema.parse(strip(res.Item)) : emptyList(reviewId);
};

const NOT_FINAL = 'attribute_not_exists(finalisedAt)';

/** The Put of an entry's next version, holding only if it is still at the version read. */
const entryPut = (before: Entry | undefined, after: Entry): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...observationKeys.entry(after.reviewId, after.id), ...after },
    ...(before
      ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } }
      : { ConditionExpression: 'attribute_not_exists(pk)' }),
  },
});

const entryAudit = (after: Entry, audit: Omit<AuditInput, 'object' | 'version'>): TransactItem =>
  auditPut(auditScope.review(after.reviewId), {
    ...audit,
    object: `observation/${after.id}`,
    version: after.version,
    details: { ...audit.details, status: after.status },
  });

/**
 * Entry changes written in the same transaction as a list update (the secretariat's
 * off-platform agreement settles the open entries as it finalises), each with its audit entry.
 */
export const entryChanges = (
  changes: readonly { before: Entry; after: Entry }[],
  audit: Omit<AuditInput, 'object' | 'version'>,
): TransactItem[] =>
  changes.flatMap(({ before, after }) => [entryPut(before, after), entryAudit(after, audit)]);

/**
 * Writes a new entry (`before` undefined) or the next version of one, bumping the list version
 * in the same transaction. ConflictError when the entry changed meanwhile or the list is final.
 */
export const saveEntry = async (
  before: Entry | undefined,
  after: Entry,
  audit: Omit<AuditInput, 'object' | 'version'>,
): Promise<Entry> => {
  const listBump: TransactItem = {
    Update: {
      TableName: tableName(),
      Key: observationKeys.list(after.reviewId),
      UpdateExpression:
        'SET version = if_not_exists(version, :zero) + :one, revision = if_not_exists(revision, :zero) + :one, reviewId = :r, confirmations = if_not_exists(confirmations, :none)',
      ConditionExpression: NOT_FINAL,
      ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':r': after.reviewId, ':none': {} },
    },
  };
  try {
    await transact(
      [entryPut(before, after), listBump, entryAudit(after, audit)],
      `observation ${after.id} changed meanwhile`,
    );
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    const [current, list] = await Promise.all([findEntry(after.reviewId, after.id), getList(after.reviewId)]);
    throw new ConflictError(
      list.finalisedAt
        ? 'the list of observations is final'
        : `observation ${after.id} changed meanwhile; reload and retry`,
      { current: current ? { version: current.version, status: current.status } : null },
    );
  }
  return after;
};

/**
 * The Update recording a focal point's confirmation of the list as read, and/or the
 * finalisation. It holds only if nobody wrote the list since (same revision, hence same version
 * and the same confirmations) and it is not final.
 */
export const listUpdate = (
  list: Pick<ObservationList, 'reviewId' | 'version' | 'revision'>,
  change: {
    confirm?: { iso3: string; confirmation: ListConfirmation };
    finalise?: { by: string; at: string; note?: string };
    /** Entries changed in the same transaction: the list version moves on with them. */
    entriesChanged?: boolean;
  },
): TransactItem => {
  const sets = ['revision = :next'];
  if (change.entriesChanged) sets.push('version = :v + :one');
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':v': list.version, ':next': (list.revision ?? 0) + 1 };
  if (change.entriesChanged) values[':one'] = 1;
  const sameRevision = list.revision === undefined ? 'attribute_not_exists(revision)' : 'revision = :rev';
  if (list.revision !== undefined) values[':rev'] = list.revision;
  if (change.confirm) {
    sets.push('confirmations.#s = :c');
    names['#s'] = change.confirm.iso3;
    values[':c'] = change.confirm.confirmation;
  }
  if (change.finalise) {
    sets.push('finalisedAt = :at', 'finalisedBy = :by');
    values[':at'] = change.finalise.at;
    values[':by'] = change.finalise.by;
    if (change.finalise.note !== undefined) {
      sets.push('offPlatformNote = :note');
      values[':note'] = change.finalise.note;
    }
  }
  return {
    Update: {
      TableName: tableName(),
      Key: observationKeys.list(list.reviewId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: `version = :v AND ${sameRevision} AND ${NOT_FINAL}`,
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
  };
};

/** Records a confirmation that does not complete the list (its audit entry included). */
export const saveConfirmation = async (
  list: ObservationList,
  iso3: string,
  confirmation: ListConfirmation,
  audit: Omit<AuditInput, 'object' | 'version'>,
): Promise<void> => {
  await transact(
    [
      listUpdate(list, { confirm: { iso3, confirmation } }),
      auditPut(auditScope.review(list.reviewId), {
        ...audit,
        object: `observations/${list.reviewId}`,
        version: list.version,
        details: { ...audit.details, state: iso3 },
      }),
    ],
    'the list of observations changed meanwhile; reload and confirm again',
  );
};

/**
 * The agreed entries of a review's list of observations, in the shape the summary generator
 * takes (`ObservationSchema` of shared/domain/summary/input.ts).
 */
export const agreedObservations = async (reviewId: string): Promise<Observation[]> =>
  toSummaryObservations(await listEntries(reviewId));

const toSummaryObservations = (entries: readonly Entry[]): Observation[] =>
  entries
    .filter((e) => e.status === 'agreed')
    .map((e) =>
      ObservationSchema.parse({
        id: e.id,
        article: e.article,
        articleTitle: e.articleTitle,
        kind: e.kind,
        text: e.text,
        status: 'agreed',
        fourP: e.fourP,
        cluster: e.cluster,
      }),
    );
