/**
 * The directory's word on every request of a directory person (a token naming `custom:person`):
 * one strongly consistent read of the person, so a deactivation or a hand-over takes effect at
 * once, whatever the token's expiry. Tokens without the claim (the demo people locally, accounts
 * made by hand in the identity provider) keep the role and State their token carries.
 */
import type { Principal } from '../../auth/principal.ts';
import { UnauthorizedError } from '../../domain/errors.ts';
import { accessOf } from '../../domain/people.ts';
import { findPerson } from '../../repos/directory.ts';

export const directoryPrincipal = async (p: Principal): Promise<Principal> => {
  if (p.kind !== 'user' || !p.person) return p;
  const person = await findPerson(p.person);
  // The identity must be the one activation created for this person.
  if (!person || person.identity !== p.sub)
    throw new UnauthorizedError('this sign-in is not known to the directory');
  if (person.status === 'deactivated')
    throw new UnauthorizedError('this account was deactivated by the secretariat');
  const access = accessOf(person);
  return {
    kind: 'user',
    // Everything the platform records (contacts, mailboxes, audit) names the person, not the identity.
    sub: person.personId,
    person: person.personId,
    name: person.name,
    role: access.role,
    state: access.state,
    ...(access.reviewRoles ? { reviewRoles: access.reviewRoles } : {}),
  };
};
