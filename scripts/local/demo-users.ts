/**
 * Demo accounts for the local platform (dev sign-in). In AWS, people sign in through Cognito
 * with the same claim shape; these users exist only locally.
 */
import type { DevUser } from '#shared/auth/dev-tokens.ts';

export const DEMO_USERS: readonly DevUser[] = [
  { sub: 'secretariat-1', name: 'Amina Diallo (UNODC secretariat)', role: 'secretariat', state: null },
  { sub: 'observer-1', name: 'Jonas Berg (observer)', role: 'observer', state: null },
  // Côte d'Ivoire: a reviewed State in the demo cycle.
  { sub: 'civ-focal', name: "Awa Koné (focal point, Côte d'Ivoire)", role: 'focal-point', state: 'CIV' },
  { sub: 'civ-expert', name: "Yao Kouassi (expert, Côte d'Ivoire)", role: 'expert', state: 'CIV' },
  // Türkiye and Ghana: reviewing States in the demo.
  { sub: 'tur-focal', name: 'Elif Yılmaz (focal point, Türkiye)', role: 'focal-point', state: 'TUR' },
  { sub: 'tur-expert', name: 'Mehmet Öztürk (expert, Türkiye)', role: 'expert', state: 'TUR' },
  { sub: 'gha-focal', name: 'Kwame Mensah (focal point, Ghana)', role: 'focal-point', state: 'GHA' },
  { sub: 'gha-expert', name: 'Efua Asante (expert, Ghana)', role: 'expert', state: 'GHA' },
  // A State with no part in the demo review, to show what others cannot see.
  { sub: 'bra-expert', name: 'Lucas Ferreira (expert, Brazil)', role: 'expert', state: 'BRA' },
];

const STATE_ROLE = /^(focal-point|expert)@([A-Z]{3})$/;

/**
 * A demo account by `sub`: one of DEMO_USERS, or `focal-point@ISO3` / `expert@ISO3` for any
 * State, so whichever States a local draw picks can be signed in as (local only).
 */
export const demoUser = (sub: string): DevUser | undefined => {
  const fixed = DEMO_USERS.find((u) => u.sub === sub);
  if (fixed) return fixed;
  const m = STATE_ROLE.exec(sub);
  if (!m?.[1] || !m[2]) return undefined;
  const role = m[1] === 'expert' ? 'expert' : 'focal-point';
  return { sub, name: `${role === 'expert' ? 'Expert' : 'Focal point'} of ${m[2]}`, role, state: m[2] };
};
