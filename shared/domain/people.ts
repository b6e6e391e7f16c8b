/**
 * The directory of people, pure: who a person is, which roles they hold per State and per
 * review, how a nomination (a State's diplomatic note) becomes approved roles, how a hand-over
 * ends the old person's role, and what a person may reach right now (`accessOf`, read on every
 * request of a directory person, so a deactivation or a replacement takes effect at once).
 */
import * as z from 'zod';
import { Iso3Schema, LanguageSchema, RoleSchema } from './types.ts';

/** The roles a State nominates (the secretariat's staff are registered without a nomination). */
const NOMINATED_ROLES = ['focal-point', 'expert', 'observer'] as const;
export const NominatedRoleSchema = z.enum(NOMINATED_ROLES);
export type NominatedRole = z.infer<typeof NominatedRoleSchema>;

/**
 * registered (recorded, no link yet) → invited (activation link sent) → activated (the person
 * opened the link, completed the profile; a sign-in identity exists) → approved (the secretariat
 * checked the profile against the nomination) ; deactivated at any time, at once.
 */
const PERSON_STATUSES = ['registered', 'invited', 'activated', 'approved', 'deactivated'] as const;
const PersonStatusSchema = z.enum(PERSON_STATUSES);
type PersonStatus = z.infer<typeof PersonStatusSchema>;

export const ProfileSchema = z.object({
  name: z.string().trim().min(1, 'required').max(200),
  title: z.string().trim().max(200).default(''),
  institution: z.string().trim().max(200).default(''),
  email: z.email('must be an e-mail address').max(254).toLowerCase(),
  language: LanguageSchema.default('en'),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** One role of a person: for a State, in one review (or every review when `reviewId` is null). */
const RoleAssignmentSchema = z.object({
  role: RoleSchema,
  state: Iso3Schema.nullable(),
  reviewId: z.string().nullable(),
  nominationId: z.string().nullable(),
  /** When it took effect (approval); absent while the person awaits approval. */
  from: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  endedBecause: z.enum(['replaced', 'deactivated']).optional(),
  /** The person who took the role over. */
  replacedBy: z.string().optional(),
});
export type RoleAssignment = z.infer<typeof RoleAssignmentSchema>;

export const PersonSchema = ProfileSchema.extend({
  personId: z.string(),
  /** The State the person acts for; null for the secretariat's staff and unaffiliated observers. */
  state: Iso3Schema.nullable(),
  status: PersonStatusSchema,
  roles: z.array(RoleAssignmentSchema),
  /** The profile as registered or nominated, kept when the person completes theirs at activation. */
  nominated: ProfileSchema.optional(),
  /** The sign-in identity activation created (the identity provider's subject). */
  identity: z.string().optional(),
  invitation: z
    .object({ invitationId: z.string(), sentAt: z.iso.datetime(), expiresAt: z.iso.datetime() })
    .optional(),
  activatedAt: z.iso.datetime().optional(),
  approvedAt: z.iso.datetime().optional(),
  approvedBy: z.string().optional(),
  deactivatedAt: z.iso.datetime().optional(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Person = z.infer<typeof PersonSchema>;

export const NominationSchema = z.object({
  nominationId: z.string(),
  state: Iso3Schema,
  /** The diplomatic note (note verbale) the nomination came by. */
  noteReference: z.string().trim().min(1).max(200),
  noteDate: z.iso.date(),
  people: z.array(
    z.object({
      personId: z.string(),
      role: NominatedRoleSchema,
      reviewId: z.string().nullable(),
      /** The person this one replaces in that role and review (a hand-over). */
      replaces: z.string().optional(),
    }),
  ),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string(),
});
export type Nomination = z.infer<typeof NominationSchema>;

/** Who a directory person is right now, for the access checks of one request. */
export interface DirectoryAccess {
  personId: string;
  identity: string | undefined;
  status: PersonStatus;
  role: z.infer<typeof RoleSchema>;
  state: z.infer<typeof Iso3Schema> | null;
  /**
   * Review id → role the person holds in it; `null` = not limited to named reviews (the
   * secretariat, an observer of every review). Empty until the secretariat approves the profile.
   */
  reviewRoles: Readonly<Record<string, z.infer<typeof RoleSchema>>> | null;
}

const PRECEDENCE = ['secretariat', 'focal-point', 'expert', 'observer'] as const;
const primary = (roles: readonly RoleAssignment[]) => PRECEDENCE.find((r) => roles.some((a) => a.role === r));

export const isActive = (a: RoleAssignment): boolean => a.from !== undefined && a.until === undefined;

/** What the person may reach now. Only an approved profile opens any review. */
export const accessOf = (p: Person): DirectoryAccess => {
  const active = p.status === 'approved' ? p.roles.filter(isActive) : [];
  const role = primary(active) ?? primary(p.roles) ?? 'expert';
  const unscoped = active.some((a) => a.reviewId === null);
  const reviewRoles: Record<string, z.infer<typeof RoleSchema>> = {};
  for (const a of active) {
    if (a.reviewId === null) continue;
    const had = reviewRoles[a.reviewId];
    // Focal point outranks expert when a person holds both in one review.
    if (!had || PRECEDENCE.indexOf(a.role) < PRECEDENCE.indexOf(had)) reviewRoles[a.reviewId] = a.role;
  }
  return {
    personId: p.personId,
    identity: p.identity,
    status: p.status,
    role,
    state: p.state,
    reviewRoles: unscoped ? null : reviewRoles,
  };
};

/** Why an activation link no longer works, in words for the person who opened it. */
export type LinkRefusal = {
  code: 'INVITATION_EXPIRED' | 'INVITATION_USED' | 'INVITATION_REPLACED';
  message: string;
};

export interface InvitationRecord {
  invitationId: string;
  personId: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  supersededAt?: string;
}

/** Null when the link may be used at `now`, else the reason it is refused. */
export const linkRefusal = (inv: InvitationRecord, now: Date): LinkRefusal | null => {
  if (inv.usedAt)
    return {
      code: 'INVITATION_USED',
      message: `This activation link was already used on ${inv.usedAt.slice(0, 10)}. Sign in instead, or ask the secretariat for a new link.`,
    };
  if (inv.supersededAt)
    return {
      code: 'INVITATION_REPLACED',
      message: 'A newer activation link was sent to you; use the link in the most recent e-mail.',
    };
  if (Date.parse(inv.expiresAt) <= now.getTime())
    return {
      code: 'INVITATION_EXPIRED',
      message: `This activation link expired on ${inv.expiresAt.slice(0, 10)}. Ask the secretariat to send a new one.`,
    };
  return null;
};

export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * 86_400_000);

/** Differences between what the nomination (or registration) said and the submitted profile. */
export const profileDifferences = (
  nominated: Profile,
  submitted: Profile,
): { field: keyof Profile; nominated: string; profile: string }[] =>
  (['name', 'title', 'institution', 'email', 'language'] as const)
    .filter((f) => nominated[f] !== submitted[f])
    .map((f) => ({ field: f, nominated: nominated[f], profile: submitted[f] }));

/** The person's roles once approved: those awaiting approval take effect at `at`. */
export const approveRoles = (roles: readonly RoleAssignment[], at: string): RoleAssignment[] =>
  roles.map((a) => (a.from === undefined && a.until === undefined ? { ...a, from: at } : a));

/** Ends the person's active role(s) in `reviewId` with `role` because `by` took it over. */
export const endReplacedRoles = (
  roles: readonly RoleAssignment[],
  role: z.infer<typeof RoleSchema>,
  reviewId: string | null,
  by: string,
  at: string,
): RoleAssignment[] =>
  roles.map((a) =>
    a.role === role && a.reviewId === reviewId && a.until === undefined
      ? { ...a, until: at, endedBecause: 'replaced' as const, replacedBy: by }
      : a,
  );

/** Every role ends at once on deactivation. */
export const endAllRoles = (roles: readonly RoleAssignment[], at: string): RoleAssignment[] =>
  roles.map((a) => (a.until === undefined ? { ...a, until: at, endedBecause: 'deactivated' as const } : a));

/** A review's contacts of one State after a hand-over or a departure. */
export const handOverContacts = (
  entry: { focalPoint?: string; experts: readonly string[] } | undefined,
  leaving: string,
  arriving: string | null,
): { focalPoint?: string; experts: string[] } => {
  const experts = new Set(entry?.experts ?? []);
  let focalPoint = entry?.focalPoint;
  if (focalPoint === leaving) focalPoint = arriving ?? undefined;
  if (experts.delete(leaving) && arriving) experts.add(arriving);
  return { ...(focalPoint ? { focalPoint } : {}), experts: [...experts].sort() };
};

/** A review's contacts of one State after an approved person takes up `role` in it. */
export const joinContacts = (
  entry: { focalPoint?: string; experts: readonly string[] } | undefined,
  personId: string,
  role: NominatedRole | 'secretariat',
): { focalPoint?: string; experts: string[] } => {
  const experts = new Set(entry?.experts ?? []);
  let focalPoint = entry?.focalPoint;
  if (role === 'focal-point') focalPoint = personId;
  if (role === 'expert') experts.add(personId);
  return { ...(focalPoint ? { focalPoint } : {}), experts: [...experts].sort() };
};
