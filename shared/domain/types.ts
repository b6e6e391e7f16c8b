/**
 * Core vocabulary of the review mechanisms, declared once and imported everywhere
 * (domain, handlers, CDK, web UI, tests).
 */
import * as z from 'zod';

export const INSTRUMENTS = ['UNTOC', 'TIP', 'SOM', 'FIREARMS'] as const;
export const InstrumentSchema = z.enum(INSTRUMENTS);
export type Instrument = z.infer<typeof InstrumentSchema>;

export const INSTRUMENT_NAMES: Record<Instrument, string> = {
  UNTOC: 'United Nations Convention against Transnational Organized Crime',
  TIP: 'Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children',
  SOM: 'Protocol against the Smuggling of Migrants by Land, Sea and Air',
  FIREARMS:
    'Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and Ammunition',
};

/** UN regional groups. `null` on a State means it sits in no group (e.g. the United States, Kiribati historically). */
export const REGIONAL_GROUPS = ['African', 'Asia-Pacific', 'Eastern European', 'GRULAC', 'WEOG'] as const;
export const RegionalGroupSchema = z.enum(REGIONAL_GROUPS);
export type RegionalGroup = z.infer<typeof RegionalGroupSchema>;

export const LEGAL_SYSTEMS = ['civil-law', 'common-law', 'mixed', 'islamic-law', 'other'] as const;
export const LegalSystemSchema = z.enum(LEGAL_SYSTEMS);
export type LegalSystem = z.infer<typeof LegalSystemSchema>;

export const Iso3Schema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code (3 capital letters)');
export type Iso3 = z.infer<typeof Iso3Schema>;

export const StatePartySchema = z.object({
  iso3: Iso3Schema,
  name: z.string().min(1),
  /** null = member of no UN regional group (see data/README.md for the edge cases). */
  group: RegionalGroupSchema.nullable(),
  /** Group used for drawing purposes when `group` is null (e.g. USA is an observer in WEOG). */
  drawGroup: RegionalGroupSchema.optional(),
  legalSystem: LegalSystemSchema,
  instruments: z.array(InstrumentSchema),
  notes: z.string().optional(),
});
export type StateParty = z.infer<typeof StatePartySchema>;

export const ReferenceDataSchema = z.object({
  meta: z.object({
    title: z.string(),
    asOf: z.string(),
    sources: z.array(z.string()),
    notes: z.array(z.string()),
  }),
  states: z.array(StatePartySchema),
});
export type ReferenceData = z.infer<typeof ReferenceDataSchema>;

/** The review mechanisms the platform ships presets for. */
export const MECHANISMS = ['untoc', 'uncac', 'upr-troika'] as const;
export const MechanismSchema = z.enum(MECHANISMS);
export type Mechanism = z.infer<typeof MechanismSchema>;

/** The six UN languages. */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** Entries of a list of observations (blueprint adopted by COP resolution 10/1). */
export const OBSERVATION_KINDS = ['good-practice', 'challenge', 'recommendation', 'ta-need'] as const;
export const ObservationKindSchema = z.enum(OBSERVATION_KINDS);
export type ObservationKind = z.infer<typeof ObservationKindSchema>;

/** The "four Ps" lens used in gap reports (a policy framework, not Protocol text). */
export const FOUR_PS = ['prevention', 'prosecution', 'protection', 'partnership'] as const;
export const FourPSchema = z.enum(FOUR_PS);
export type FourP = z.infer<typeof FourPSchema>;

/** Article reference, e.g. { instrument: 'TIP', article: '5' }; string form `TIP.5`. */
export const ArticleIdSchema = z
  .string()
  .regex(/^(UNTOC|TIP|SOM|FIREARMS)\.\d+[a-z]?$/, 'must look like TIP.5');
export type ArticleId = z.infer<typeof ArticleIdSchema>;

/** Roles carried in the identity token (claim names in shared/auth/claims.ts). */
export const ROLES = ['secretariat', 'focal-point', 'expert', 'observer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
