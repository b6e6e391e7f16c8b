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

export const demoUser = (sub: string): DevUser | undefined => DEMO_USERS.find((u) => u.sub === sub);
