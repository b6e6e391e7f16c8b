/**
 * Invitations: an e-mail with a single-use activation link that expires after a policy period
 * (INVITATION_EXPIRY_DAYS, default 10). Sending again replaces the earlier link. Opening the
 * link shows who it is for; activating completes the profile and creates the sign-in identity.
 * The link is `{invitationId}.{secret}`; only the secret's SHA-256 is stored.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { identityProvider } from '../../auth/identities.ts';
import type { Principal } from '../../auth/principal.ts';
import { config } from '../../config.ts';
import { assertCan } from '../../domain/authz.ts';
import { ConflictError, GoneError, NotFoundError } from '../../domain/errors.ts';
import {
  addDays,
  type InvitationRecord,
  linkRefusal,
  type Person,
  type Profile,
} from '../../domain/people.ts';
import { appUrl } from '../../mail/notification-mail.ts';
import { mailSender } from '../../mail/sender.ts';
import { renderMail } from '../../mail/templates.ts';
import {
  findInvitation,
  findPerson,
  type InvitationItem,
  invitationPut,
  invitationSupersede,
  invitationUse,
  listInvitations as listStored,
  personUpdateWrites,
} from '../../repos/directory.ts';
import { writeAll } from '../../repos/dynamo.ts';
import { getPerson, type PeopleContext } from './directory.ts';

const hashOf = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** The address of the web UI (links in e-mails). */
const activationLink = (token: string): string => `${appUrl()}#/activate?token=${encodeURIComponent(token)}`;

const ROLE_WORDS: Record<string, string> = {
  'focal-point': 'focal point',
  expert: 'governmental expert',
  observer: 'observer',
  secretariat: 'member of the secretariat',
};

export interface SentInvitation {
  invitation: InvitationRecord;
  /** Whether the e-mail left (false: the mail transport sends nothing, or failed; send again). */
  delivered: boolean;
  transport: string;
}

export const sendInvitation = async (
  actor: Principal,
  input: { personId: string },
  ctx: PeopleContext,
): Promise<SentInvitation> => {
  assertCan(actor, 'people.manage');
  const person = await getPerson(actor, input.personId);
  if (person.status !== 'registered' && person.status !== 'invited')
    throw new ConflictError(
      `${person.name} is ${person.status}: an activation link is sent before activation only`,
      {
        current: { status: person.status, version: person.version },
      },
    );
  const secret = randomBytes(32).toString('base64url');
  const invitation: InvitationItem = {
    invitationId: randomUUID(),
    personId: person.personId,
    createdAt: ctx.now.toISOString(),
    expiresAt: addDays(ctx.now, config().INVITATION_EXPIRY_DAYS).toISOString(),
    sentBy: actor.kind === 'user' ? actor.sub : 'system',
    secretHash: hashOf(secret),
  };
  const next: Person = {
    ...person,
    status: 'invited',
    invitation: {
      invitationId: invitation.invitationId,
      sentAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
    },
    version: person.version + 1,
    updatedAt: ctx.now.toISOString(),
  };
  await writeAll(
    [
      invitationPut(invitation),
      ...(person.invitation
        ? [invitationSupersede(person.invitation.invitationId, invitation.createdAt)]
        : []),
      ...personUpdateWrites(person, next, {
        principal: actor,
        now: ctx.now,
        action: person.invitation ? 'invitation.resend' : 'invitation.send',
        details: { invitationId: invitation.invitationId, expiresAt: invitation.expiresAt },
      }),
    ],
    `person ${person.personId} changed meanwhile; reload and retry`,
  );
  const role = person.roles.find((a) => a.until === undefined)?.role ?? 'expert';
  const mail = renderMail('invitation', person.language, {
    name: person.name,
    state: person.state ?? 'The secretariat',
    role: ROLE_WORDS[role] ?? role,
    link: activationLink(`${invitation.invitationId}.${secret}`),
    expires: invitation.expiresAt.slice(0, 10),
  });
  const sender = mailSender();
  let delivered = false;
  try {
    delivered =
      (await sender.send({ ...mail, to: person.email, headers: { 'X-Cop-Review-Kind': 'invitation' } })) !==
      null;
  } catch {
    // The invitation stands; the secretariat sees `delivered: false` and sends it again.
    delivered = false;
  }
  const { secretHash: _h, ...record } = invitation;
  return { invitation: record, delivered, transport: sender.transport };
};

export const listInvitations = async (
  actor: Principal,
  input: { personId?: string },
): Promise<InvitationRecord[]> => {
  assertCan(actor, 'people.manage');
  return listStored(input.personId);
};

const refused = () =>
  new GoneError(
    'INVITATION_INVALID',
    'This activation link is not valid. Check that you opened the whole link from the e-mail.',
  );

/** The invitation and person a link is for, or the reason it no longer works (410, in words). */
const openLink = async (
  token: string,
  now: Date,
): Promise<{ invitation: InvitationItem; person: Person }> => {
  const [id, secret] = token.split('.');
  if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw refused();
  const invitation = await findInvitation(id);
  if (!invitation) throw refused();
  const given = Buffer.from(hashOf(secret), 'hex');
  const stored = Buffer.from(invitation.secretHash, 'hex');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) throw refused();
  const refusal = linkRefusal(invitation, now);
  if (refusal) throw new GoneError(refusal.code, refusal.message);
  const person = await findPerson(invitation.personId);
  if (!person || person.status === 'deactivated')
    throw new NotFoundError('this invitation is no longer open');
  return { invitation, person };
};

/** What the activation page shows before the person completes their profile. */
export const lookupInvitation = async (token: string, ctx: PeopleContext) => {
  const { invitation, person } = await openLink(token, ctx.now);
  return {
    name: person.name,
    title: person.title,
    institution: person.institution,
    email: person.email,
    language: person.language,
    state: person.state,
    roles: person.roles
      .filter((a) => a.until === undefined)
      .map((a) => ({ role: a.role, reviewId: a.reviewId })),
    expiresAt: invitation.expiresAt,
  };
};

/** Completes the profile, uses the link (once) and creates the sign-in identity. */
export const activate = async (
  input: { token: string; profile: Omit<Profile, 'email'>; password?: string },
  ctx: PeopleContext,
): Promise<{ personId: string; status: 'activated'; identity: string }> => {
  const { invitation, person } = await openLink(input.token, ctx.now);
  if (person.status !== 'invited')
    throw new GoneError('INVITATION_USED', 'This account is already activated. Sign in instead.');
  const identity = await identityProvider().create({ ...person, ...input.profile }, input.password);
  const { email, name, title, institution, language } = person;
  const next: Person = {
    ...person,
    ...input.profile,
    nominated: person.nominated ?? { email, name, title, institution, language },
    status: 'activated',
    identity,
    activatedAt: ctx.now.toISOString(),
    version: person.version + 1,
    updatedAt: ctx.now.toISOString(),
  };
  try {
    await writeAll(
      [
        invitationUse(invitation.invitationId, ctx.now),
        ...personUpdateWrites(person, next, {
          principal: {
            kind: 'user',
            sub: person.personId,
            role: next.roles[0]?.role ?? 'expert',
            state: person.state,
            name: next.name,
          },
          now: ctx.now,
          action: 'person.activate',
          details: { invitationId: invitation.invitationId },
        }),
      ],
      'the link was used meanwhile',
    );
  } catch (err) {
    // A second use racing this one: say why in the same words as a later use would.
    if (err instanceof ConflictError) await openLink(input.token, ctx.now);
    throw err;
  }
  return { personId: person.personId, status: 'activated', identity };
};
