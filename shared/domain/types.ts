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

/** A date as precise as the source gives it: YYYY-MM-DD, or YYYY-MM / YYYY when the day (month) is not known. */
export const IsoDateSchema = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'must be a date YYYY-MM-DD (or YYYY-MM, YYYY)',
  );

/** Kinds of action that make a participant a party (UNTC: ratification, A, AA, a, d). */
const ACTION_KINDS = ['ratification', 'acceptance', 'approval', 'accession', 'succession'] as const;
export const ActionKindSchema = z.enum(ACTION_KINDS);
export type ActionKind = z.infer<typeof ActionKindSchema>;

/**
 * Where a fact comes from. `source: null` marks the fact unverified (no source is held for it);
 * `note` then says why it is kept.
 */
const FactSourceSchema = z.object({
  source: z.string().min(1).nullable(),
  /** The date the source speaks for (a table's status date, a document's date). */
  asOf: IsoDateSchema.nullable(),
  note: z.string().optional(),
  /** The registry import that set this fact, when one did. */
  importId: z.string().optional(),
});
export type FactSource = z.infer<typeof FactSourceSchema>;

/** Participation in one instrument: the action, its date when known, and the fact's source. */
const ParticipationSchema = FactSourceSchema.extend({
  action: ActionKindSchema.optional(),
  date: IsoDateSchema.optional(),
});
export type Participation = z.infer<typeof ParticipationSchema>;
const ParticipationMapSchema = z.partialRecord(InstrumentSchema, ParticipationSchema);
export type ParticipationMap = z.infer<typeof ParticipationMapSchema>;

/** Every listed instrument has its participation fact and no fact names an unlisted instrument. */
export const participationMatchesInstruments = (
  s: { iso3: string; instruments: readonly Instrument[]; participation: ParticipationMap },
  ctx: z.RefinementCtx,
) => {
  const listed = [...s.instruments].sort().join(',');
  const sourced = Object.keys(s.participation).sort().join(',');
  if (listed !== sourced)
    ctx.addIssue({
      code: 'custom',
      path: ['participation'],
      message: `${s.iso3}: participation (${sourced}) must name exactly the instruments (${listed})`,
    });
};

/** A State as the registry holds it: the draw's view (StateParty) plus the source of every fact. */
export const RegistryStateBaseSchema = StatePartySchema.extend({
  participation: ParticipationMapSchema,
  /** Source of `group` (and of `drawGroup`, a policy assumption, when group is null). */
  groupSource: FactSourceSchema,
});
const RegistryStateSchema = RegistryStateBaseSchema.superRefine(participationMatchesInstruments);
export type RegistryState = z.infer<typeof RegistryStateSchema>;

/** A regional economic integration organization party (the EU): in the registry, never in a draw. */
export const OrganizationSchema = z.object({
  id: Iso3Schema,
  name: z.string().min(1),
  instruments: z.array(InstrumentSchema),
  participation: ParticipationMapSchema,
});
export type Organization = z.infer<typeof OrganizationSchema>;

/** One applied import, as the data file's history records it (the API's history is the audit log). */
const RegistryImportRecordSchema = z.object({
  importId: z.string(),
  at: z.iso.datetime(),
  by: z.string(),
  instrument: InstrumentSchema,
  asOf: IsoDateSchema,
  source: z.string(),
  /** The file imported and the SHA-256 of its bytes. */
  file: z.string(),
  fileDigest: z.string(),
  changes: z.array(z.object({ iso3: z.string(), change: z.string() })),
  confirmed: z.number().int(),
});

export const ReferenceDataSchema = z.object({
  meta: z.object({
    title: z.string(),
    /** The newest as-of date among the facts' sources. */
    asOf: IsoDateSchema,
    sources: z.array(z.string()),
    notes: z.array(z.string()),
    history: z.array(RegistryImportRecordSchema),
  }),
  states: z.array(RegistryStateSchema),
  organizations: z.array(OrganizationSchema),
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
