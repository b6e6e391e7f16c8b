/**
 * Who may be named a contact of a State (the person picker of the contacts form): the State's
 * approved directory people holding a focal-point or expert role now, and the identity
 * provider's focal points and experts of that State (the demo accounts locally; in AWS those
 * recorded when they signed in). The same people the contacts check accepts (reviews.ts
 * `assertPeopleOf`), so the picker offers nobody the server would refuse. Visible to whoever may
 * read that State's people (`person.read`): the secretariat, and the State's own people.
 */
import type { Principal } from '../../auth/principal.ts';
import { assertCan, can } from '../../domain/authz.ts';
import { isActive } from '../../domain/people.ts';
import type { Iso3 } from '../../domain/types.ts';
import { listPeople } from '../../repos/directory.ts';
import { accountsOfState } from '../../repos/people.ts';

const NAMEABLE = ['focal-point', 'expert'] as const;
type Nameable = (typeof NAMEABLE)[number];
const nameable = (role: string): role is Nameable => (NAMEABLE as readonly string[]).includes(role);

export interface ContactCandidate {
  personId: string;
  name: string;
  role: Nameable;
  institution: string;
  /** `directory`: nominated and approved; `account`: known to the identity provider only. */
  source: 'directory' | 'account';
}

export const listContactCandidates = async (
  actor: Principal,
  input: { state: Iso3 },
): Promise<{ state: Iso3; candidates: ContactCandidate[] }> => {
  if (actor.kind !== 'user') assertCan(actor, 'people.manage');
  const { state } = input;
  const [people, accounts] = await Promise.all([listPeople(state), accountsOfState()(state)]);
  const out = new Map<string, ContactCandidate>();
  for (const p of people) {
    if (p.status !== 'approved' || p.state !== state) continue;
    const roles = p.roles.filter((a) => isActive(a) && nameable(a.role)).map((a) => a.role);
    const role = roles.includes('focal-point') ? 'focal-point' : roles.includes('expert') ? 'expert' : null;
    if (role)
      out.set(p.personId, {
        personId: p.personId,
        name: p.name,
        role,
        institution: p.institution,
        source: 'directory',
      });
  }
  for (const a of accounts)
    if (a.state === state && nameable(a.role) && !out.has(a.sub))
      out.set(a.sub, { personId: a.sub, name: a.name, role: a.role, institution: '', source: 'account' });
  const candidates = [...out.values()]
    .filter((c) => can(actor, 'person.read', { personId: c.personId, state }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.personId.localeCompare(b.personId));
  return { state, candidates };
};
