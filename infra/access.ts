/**
 * Least privilege, declared once: what each Lambda function may do with the table and the bucket.
 * The API construct grants exactly this, the infra tests check the synthesized policies against
 * it, and docs/infrastructure.md renders it as the grants table. Widen an entry only together
 * with the use case that needs it.
 */
import type { FunctionName } from '#shared/http/route.ts';

export type Access = 'none' | 'read' | 'read-write';

export interface FunctionAccess {
  table: Access;
  bucket: Access;
  /** Why, in one line (rendered in the docs). */
  why: string;
  /** dynamodb:Scan on the base table, with the reason (the use case that scans). */
  scan?: string;
  /** s3:DeleteObject on attachment keys only, with the reason. */
  deleteAttachments?: string;
  /** s3:DeleteObject on summary file keys only, with the reason. */
  deleteSummaryFiles?: string;
  /** ses:SendEmail / ses:SendRawEmail on the stack's mail identity only, with the reason. */
  sendEmail?: string;
  /** The Cognito admin calls of activation (COGNITO_ADMIN_ACTIONS) on the stack's user pool only, with the reason. */
  manageIdentities?: string;
}

/** Functions that are not behind a route: invoked by EventBridge Scheduler. */
export const SCHEDULED_FUNCTION = 'scheduled' as const;
export type DeployedFunctionName = FunctionName | typeof SCHEDULED_FUNCTION;

/**
 * Keyed by string rather than `Record<DeployedFunctionName, …>` so a function added to
 * FUNCTION_NAMES (or an entry prepared for one about to be added) does not break type-checking
 * of the whole tree; `accessOf` and the infra tests refuse a deployed function without an entry.
 */
const FUNCTION_ACCESS: Readonly<Record<string, FunctionAccess>> = {
  system: { table: 'none', bucket: 'none', why: 'health and the OpenAPI document need no data' },
  registry: {
    table: 'read-write',
    bucket: 'none',
    why: 'States parties, focal points and experts live in the table',
  },
  cycles: {
    table: 'read-write',
    bucket: 'read-write',
    why: 'cycles and draws in the table; draw records in the bucket',
  },
  'self-assessments': {
    table: 'read-write',
    bucket: 'read-write',
    why: 'version numbers reserved in the table; versions and attachments in the bucket',
    deleteAttachments:
      'a rejected upload (too large, wrong type) is removed so the client can PUT again, a confirmed one once its bytes are moved to their confirmed key, confirmed copies no record refers to (a lost race, a crashed attempt), and the document of a submission attempt that was abandoned; versioning keeps them as noncurrent versions until the lifecycle rule expires them',
  },
  reviews: {
    table: 'read-write',
    bucket: 'read-write',
    why: 'workflow, deadlines, contacts, notifications and audit in the table; review exports in the bucket',
  },
  dialogue: {
    table: 'read-write',
    bucket: 'read',
    why: 'comments and observations in the table; reads self-assessment versions it quotes',
  },
  summaries: {
    table: 'read-write',
    bucket: 'read-write',
    why: 'summary drafts in the table; rendered summaries in the bucket',
    deleteSummaryFiles:
      'files rendered for a document version whose head never committed (a lost race) are removed; versioning keeps them as noncurrent versions until the lifecycle rule expires them',
  },
  questionnaires: {
    table: 'read-write',
    bucket: 'read-write',
    why: 'uploads and published versions of questionnaires: records and audit in the table, definitions in the bucket',
  },
  public: { table: 'read', bucket: 'read', why: 'publishes approved summaries only; never writes' },
  reports: {
    table: 'read-write',
    bucket: 'none',
    why: 'response reports read the answer index; country sets and consents are written (audited) in the table',
  },
  people: {
    table: 'read-write',
    bucket: 'none',
    why: 'the directory, nominations and invitations (audited) in the table; hand-overs update review contacts',
    sendEmail: 'invitations: the activation link is e-mailed when the secretariat sends it',
    manageIdentities:
      'activation creates (or enables) the Cognito user and adds it to its group; deactivation disables it and signs it out',
  },
  'follow-ups': {
    table: 'read-write',
    bucket: 'none',
    why: "follow-up items, the earlier reviews' observations they come from, and the secretariat's technical-assistance list, in the table",
  },
  search: {
    table: 'read',
    bucket: 'none',
    why: 'search reads States, cycles, reviews, comments and observations in the table; never writes',
  },
  [SCHEDULED_FUNCTION]: {
    table: 'read-write',
    bucket: 'none',
    why: 'deadline reminders and outbox delivery: reads due items, marks them sent',
    sendEmail: 'outbox delivery e-mails notifications to directory people',
    scan: 'the daily reminder sweep scans for open reviews (shared/repos/notifications.ts listOpenReviews); no index by deadline yet',
  },
};

/** The grants of one deployed function; throws for a function nobody has decided grants for. */
export const accessOf = (name: DeployedFunctionName): FunctionAccess => {
  const access = FUNCTION_ACCESS[name];
  if (!access) throw new Error(`infra/access.ts: no FUNCTION_ACCESS entry for function ${name}`);
  return access;
};

/** Table actions per access level. `TransactWriteItems` is authorised through these per-item actions. */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
} as const;

/** Object actions per access level; whole-object reads and writes only, no ACL or policy changes. */
export const BUCKET_ACTIONS = {
  read: ['s3:GetObject', 's3:GetObjectVersion'],
  list: ['s3:ListBucket'],
  write: ['s3:PutObject'],
} as const;
