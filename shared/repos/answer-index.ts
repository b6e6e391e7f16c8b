/**
 * The answer index: one small item per answered question of each submitted self-assessment
 * version, plus one item describing the version, so a response report for every State comes
 * from a few queries (one per shard) instead of reading each frozen document in S3. Items have
 * deterministic keys (a retry rewrites the same items); the answers are written first and the
 * version item last (at submission: in the submission's own transaction), and readers ignore
 * versions without it. Key layout:
 * docs/analytics.md.
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/clients.ts';
import type { IndexedSubmission } from '../domain/response-report/index.ts';
import type { Instrument, Iso3 } from '../domain/types.ts';
import { tableName } from './dynamo.ts';
import { answerIndexKeys } from './keys.ts';

/** Partitions per cycle and instrument: the queries run in parallel, and no partition gets hot. */
export const ANSWER_INDEX_SHARDS = 8;
/** Sorts before every question id: the version item of each State and version. */
const VERSION_ITEM = '!';

export const shardOf = (iso3: Iso3): number =>
  [...iso3].reduce((n, ch) => n * 31 + ch.charCodeAt(0), 7) % ANSWER_INDEX_SHARDS;

const ANSWER_INDEX_KEYS = answerIndexKeys;

const isAnswer = (v: unknown): boolean =>
  v !== undefined &&
  v !== null &&
  (typeof v === 'string' ? v.trim() !== '' : !Array.isArray(v) || v.length > 0);

/** The items of one version: its answers (compact: the key says State, version and question), then the version item. */
const answerIndexItems = (s: IndexedSubmission, instrument: Instrument): Record<string, unknown>[] => {
  const pk = ANSWER_INDEX_KEYS.partition(s.cycleId, instrument, shardOf(s.iso3));
  const answers = Object.entries(s.answers)
    .filter(([, v]) => isAnswer(v))
    .map(([questionId, a]) => ({ pk, sk: ANSWER_INDEX_KEYS.sortKey(s.iso3, s.version, questionId), a }));
  const version = {
    pk,
    sk: ANSWER_INDEX_KEYS.sortKey(s.iso3, s.version, VERSION_ITEM),
    kind: 'answer-index-version',
    reviewId: s.reviewId,
    submittedAt: s.submittedAt,
    questionnaireId: s.questionnaireId,
    questionnaireVersion: s.questionnaireVersion,
    ...(s.due ? { due: s.due } : {}),
    files: s.attachmentNames ?? {},
    answerCount: answers.length,
  };
  return [...answers, version];
};

const BATCH = 25;
const MAX_ATTEMPTS = 8;

/** Writes (or rewrites, identically) the index items of one version; the version item last. */
export const writeAnswerIndex = async (s: IndexedSubmission, instrument: Instrument): Promise<void> => {
  const items = answerIndexItems(s, instrument);
  const last = items.pop();
  await putBatches(items);
  if (last) await putBatches([last]);
};

/**
 * The two halves of indexing a version as it is submitted: the answer items, written before
 * the submission's transaction (unseen until their version item exists), and the version item
 * as a Put of that transaction, so the index shows a version exactly when the version exists.
 */
export const answerIndexParts = (
  s: IndexedSubmission,
  instrument: Instrument,
): {
  writeAnswers: () => Promise<void>;
  versionPut: { Put: { TableName: string; Item: Record<string, unknown> } };
} => {
  const items = answerIndexItems(s, instrument);
  const version = items.pop() as Record<string, unknown>;
  return {
    writeAnswers: () => putBatches(items),
    versionPut: { Put: { TableName: tableName(), Item: version } },
  };
};

const putBatches = async (items: Record<string, unknown>[]): Promise<void> => {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  await Promise.all(
    batches.map(async (batch) => {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= MAX_ATTEMPTS) throw new Error('answer index: DynamoDB kept items unprocessed');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        const res = await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
        pending = (res.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
      }
    }),
  );
};

/** The raw items of one shard (the bench's baseline measures exactly these queries). */
export const queryAnswerShard = async (
  cycleId: string,
  instrument: Instrument,
  shard: number,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': ANSWER_INDEX_KEYS.partition(cycleId, instrument, shard) },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return items;
};

/** Every indexed version of a cycle and instrument, whole versions only. */
export const readAnswerIndex = async (
  cycleId: string,
  instrument: Instrument,
): Promise<IndexedSubmission[]> => {
  const shards = await Promise.all(
    Array.from({ length: ANSWER_INDEX_SHARDS }, (_, i) => queryAnswerShard(cycleId, instrument, i)),
  );
  const out: IndexedSubmission[] = [];
  for (const items of shards) {
    // Items arrive sorted: each version item comes first, then that version's answers.
    let current: IndexedSubmission | null = null;
    let prefix = '';
    for (const item of items) {
      const sk = String(item.sk);
      const cut = sk.lastIndexOf('#');
      const head = sk.slice(0, cut);
      const tail = sk.slice(cut + 1);
      if (tail === VERSION_ITEM) {
        const [iso3 = '', version = '0'] = head.split('#');
        current = {
          iso3,
          cycleId,
          reviewId: String(item.reviewId),
          version: Number(version),
          submittedAt: String(item.submittedAt),
          questionnaireId: String(item.questionnaireId),
          questionnaireVersion: Number(item.questionnaireVersion),
          ...(typeof item.due === 'string' ? { due: item.due } : {}),
          answers: {},
          attachmentNames: (item.files ?? {}) as Record<string, string>,
        };
        prefix = head;
        out.push(current);
      } else if (current && head === prefix) {
        (current.answers as Record<string, unknown>)[tail] = item.a;
      }
    }
  }
  return out;
};
