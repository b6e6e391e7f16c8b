/**
 * The directory of people, nominations and invitations (docs/people.md). Activation links are
 * used without signing in: `POST /invitations/lookup` and `/invitations/activation` are public,
 * and the link's secret travels in the body, never in a path or query string that gets logged.
 */
import * as z from 'zod';
import { AuditEntrySchema } from '../../domain/audit.ts';
import { PersonIdSchema } from '../../domain/ids.ts';
import { NominatedRoleSchema, NominationSchema, PersonSchema, ProfileSchema } from '../../domain/people.ts';
import { Iso3Schema, LanguageSchema, RoleSchema } from '../../domain/types.ts';
import { defineRoute } from '../route.ts';

const IdSchema = PersonIdSchema;
const PersonParams = z.object({ personId: IdSchema });

const InvitationRecordSchema = z.object({
  invitationId: z.string(),
  personId: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  usedAt: z.iso.datetime().optional(),
  supersededAt: z.iso.datetime().optional(),
  sentBy: z.string().optional(),
});

const TokenSchema = z.string().min(10, 'the whole link is needed').max(200);

const ProfileInputSchema = ProfileSchema.strict();
/** What a person completes at activation: everything but the e-mail the link was sent to. */
const OwnProfileSchema = ProfileSchema.omit({ email: true }).strict();

const ContactCandidateSchema = z.object({
  personId: z.string(),
  name: z.string(),
  role: z.enum(['focal-point', 'expert']),
  institution: z.string(),
  source: z.enum(['directory', 'account']),
});

export const peopleRoutes = [
  defineRoute({
    operationId: 'listContactCandidates',
    method: 'GET',
    path: '/states/{iso3}/contact-candidates',
    fn: 'people',
    auth: 'user',
    summary:
      "The people who may be named a contact of a State (the contacts form's picker), for the secretariat and that State's people",
    tags: ['people'],
    params: z.object({ iso3: Iso3Schema }),
    response: z.object({ state: Iso3Schema, candidates: z.array(ContactCandidateSchema) }),
  }),
  defineRoute({
    operationId: 'listPeople',
    method: 'GET',
    path: '/people',
    fn: 'people',
    auth: 'user',
    summary: "The directory: everyone for the secretariat, a State's people for that State's people",
    tags: ['people'],
    query: z.object({ state: Iso3Schema.optional() }).strict(),
    response: z.object({ people: z.array(PersonSchema) }),
  }),
  defineRoute({
    operationId: 'registerPerson',
    method: 'POST',
    path: '/people',
    fn: 'people',
    auth: 'user',
    summary: 'Register secretariat staff or an observer no State nominates (State people come by nomination)',
    tags: ['people'],
    body: z.object({ profile: ProfileInputSchema, role: z.enum(['secretariat', 'observer']) }).strict(),
    response: PersonSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'getPerson',
    method: 'GET',
    path: '/people/{personId}',
    fn: 'people',
    auth: 'user',
    summary: 'One person of the directory',
    tags: ['people'],
    params: PersonParams,
    response: PersonSchema,
  }),
  defineRoute({
    operationId: 'updatePerson',
    method: 'PATCH',
    path: '/people/{personId}',
    fn: 'people',
    auth: 'user',
    summary: 'Correct a profile (secretariat), conditional on the version last read',
    tags: ['people'],
    params: PersonParams,
    body: z
      .object({ expectedVersion: z.number().int().positive(), changes: ProfileSchema.partial().strict() })
      .strict(),
    response: PersonSchema,
  }),
  defineRoute({
    operationId: 'getPersonHistory',
    method: 'GET',
    path: '/people/{personId}/history',
    fn: 'people',
    auth: 'user',
    summary: "Every change to a person, oldest first (the person's audit stream)",
    tags: ['people'],
    params: PersonParams,
    response: z.object({ entries: z.array(AuditEntrySchema) }),
  }),
  defineRoute({
    operationId: 'approvePerson',
    method: 'POST',
    path: '/people/{personId}/approval',
    fn: 'people',
    auth: 'user',
    summary:
      'Approve an activated profile against its nomination: the roles take effect, replacements hand over',
    tags: ['people'],
    params: PersonParams,
    body: z.object({ expectedVersion: z.number().int().positive() }).strict(),
    response: z.object({
      person: PersonSchema,
      differences: z.array(z.object({ field: z.string(), nominated: z.string(), profile: z.string() })),
    }),
  }),
  defineRoute({
    operationId: 'deactivatePerson',
    method: 'POST',
    path: '/people/{personId}/deactivation',
    fn: 'people',
    auth: 'user',
    summary: 'Deactivate a person at once: their next request is refused, whatever the token',
    tags: ['people'],
    params: PersonParams,
    body: z.object({ reason: z.string().trim().min(1, 'required').max(500) }).strict(),
    response: PersonSchema,
  }),
  defineRoute({
    operationId: 'recordNomination',
    method: 'POST',
    path: '/nominations',
    fn: 'people',
    auth: 'user',
    summary:
      "Record a State's nomination (diplomatic note): new or known people, roles per review, replacements",
    tags: ['people'],
    body: z
      .object({
        state: Iso3Schema,
        noteReference: z.string().trim().min(1, 'required').max(200),
        noteDate: z.iso.date(),
        people: z
          .array(
            z
              .object({
                personId: IdSchema.optional(),
                profile: ProfileInputSchema.optional(),
                role: NominatedRoleSchema,
                reviewId: z.string().max(120).nullable(),
                replaces: IdSchema.optional(),
              })
              .strict(),
          )
          .min(1, 'name at least one person')
          .max(40),
      })
      .strict(),
    response: z.object({ nomination: NominationSchema, people: z.array(PersonSchema) }),
    status: 201,
  }),
  defineRoute({
    operationId: 'listNominations',
    method: 'GET',
    path: '/nominations',
    fn: 'people',
    auth: 'user',
    summary: 'Recorded nominations, newest first',
    tags: ['people'],
    query: z.object({ state: Iso3Schema.optional() }).strict(),
    response: z.object({ nominations: z.array(NominationSchema) }),
  }),
  defineRoute({
    operationId: 'getNomination',
    method: 'GET',
    path: '/nominations/{nominationId}',
    fn: 'people',
    auth: 'user',
    summary: 'One nomination',
    tags: ['people'],
    params: z.object({ nominationId: IdSchema }),
    response: NominationSchema,
  }),
  defineRoute({
    operationId: 'sendInvitation',
    method: 'POST',
    path: '/invitations',
    fn: 'people',
    auth: 'user',
    summary: 'E-mail a single-use activation link (again: the earlier link stops working)',
    tags: ['people'],
    body: z.object({ personId: IdSchema }).strict(),
    response: z.object({ invitation: InvitationRecordSchema, delivered: z.boolean(), transport: z.string() }),
    status: 201,
  }),
  defineRoute({
    operationId: 'listInvitations',
    method: 'GET',
    path: '/invitations',
    fn: 'people',
    auth: 'user',
    summary: 'Invitations sent, newest first (never their links)',
    tags: ['people'],
    query: z.object({ personId: IdSchema.optional() }).strict(),
    response: z.object({ invitations: z.array(InvitationRecordSchema) }),
  }),
  defineRoute({
    operationId: 'lookupInvitation',
    method: 'POST',
    path: '/invitations/lookup',
    fn: 'people',
    auth: 'public',
    summary: 'Who an activation link is for (410 with the reason when it expired, was used or replaced)',
    tags: ['people'],
    body: z.object({ token: TokenSchema }).strict(),
    response: z.object({
      name: z.string(),
      title: z.string(),
      institution: z.string(),
      email: z.string(),
      language: LanguageSchema,
      state: Iso3Schema.nullable(),
      roles: z.array(z.object({ role: RoleSchema, reviewId: z.string().nullable() })),
      expiresAt: z.iso.datetime(),
    }),
  }),
  defineRoute({
    operationId: 'activateInvitation',
    method: 'POST',
    path: '/invitations/activation',
    fn: 'people',
    auth: 'public',
    summary: 'Complete the profile and create the sign-in identity (once; 410 when the link no longer works)',
    tags: ['people'],
    body: z
      .object({
        token: TokenSchema,
        profile: OwnProfileSchema,
        /** Needed where the identity provider keeps passwords (Cognito); locally unused. */
        password: z.string().min(12).max(256).optional(),
      })
      .strict(),
    response: z.object({ personId: z.string(), status: z.literal('activated'), identity: z.string() }),
    status: 201,
  }),
] as const;
