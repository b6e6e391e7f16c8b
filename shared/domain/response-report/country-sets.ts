/**
 * Country sets: the groups of States a response report is drawn for. The five UN regional
 * groups are derived from the registry; named sets (regional processes, organizations) are data
 * (data/country-sets.json) that the secretariat can edit, add to and retire.
 */
import * as z from 'zod';
import { readDataFile } from '../../data-files.ts';
import { ValidationError } from '../errors.ts';
import { type Iso3, Iso3Schema, LANGUAGES, type RegionalGroup, RegionalGroupSchema } from '../types.ts';

export const CountrySetIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be kebab-case, e.g. rcm')
  .max(60, 'must be at most 60 characters');

/** Names by UN language; English is required, the others where known. */
const SetNamesSchema = z
  .object(Object.fromEntries(LANGUAGES.map((l) => [l, z.string().trim().min(1).max(200).optional()])))
  .extend({ en: z.string().trim().min(1, 'must not be blank').max(200) })
  .strict();

const SET_KINDS = ['un-regional-group', 'regional-process', 'organization', 'other'] as const;
const SetKindSchema = z.enum(SET_KINDS);

const SetSourceSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be blank').max(500),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .optional(),
});

/** What the secretariat sends to create or edit a set. */
export const CountrySetInputSchema = z.strictObject({
  names: SetNamesSchema,
  kind: SetKindSchema.exclude(['un-regional-group']).default('other'),
  members: z
    .array(Iso3Schema)
    .min(1, 'must list at least one State')
    .max(250)
    .refine((m) => new Set(m).size === m.length, 'must not list a State twice'),
  source: SetSourceSchema,
  /** "Complete by" date of the exercise: completion is judged against it, aggregates frozen at it. */
  deadline: z.iso.datetime().optional(),
});
export type CountrySetInput = z.infer<typeof CountrySetInputSchema>;

export const CountrySetSchema = z.object({
  id: CountrySetIdSchema,
  kind: SetKindSchema,
  names: SetNamesSchema,
  members: z.array(Iso3Schema),
  source: SetSourceSchema,
  deadline: z.iso.datetime().optional(),
  /** `registry`: members follow the registry (regional groups); `data`: shipped; `secretariat`: added or edited. */
  origin: z.enum(['registry', 'data', 'secretariat']),
  /** 1 = as created or shipped; each edit adds one (If-Match names it). */
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime().optional(),
  retiredAt: z.iso.datetime().optional(),
});
export type CountrySet = z.infer<typeof CountrySetSchema>;

const FileSchema = z.object({
  meta: z.object({ title: z.string(), notes: z.array(z.string()) }),
  regionalGroups: z.array(
    z.object({ id: CountrySetIdSchema, group: RegionalGroupSchema, names: SetNamesSchema }),
  ),
  sets: z.array(
    z.object({
      id: CountrySetIdSchema,
      kind: SetKindSchema,
      names: SetNamesSchema,
      members: z.array(Iso3Schema),
      source: SetSourceSchema,
      deadline: z.iso.datetime().optional(),
    }),
  ),
});

let file: z.infer<typeof FileSchema> | undefined;
/** data/country-sets.json, read and validated on first use. */
const shipped = (): z.infer<typeof FileSchema> => {
  file ??= FileSchema.parse(readDataFile('country-sets.json'));
  return file;
};

/** The regional groups with their members taken from `registry` (State → its group, or null). */
export function regionalGroupSets(
  registry: readonly { iso3: Iso3; group: RegionalGroup | null }[],
): CountrySet[] {
  return shipped().regionalGroups.map((g) => ({
    id: g.id,
    kind: 'un-regional-group',
    names: g.names,
    members: registry.filter((s) => s.group === g.group).map((s) => s.iso3),
    source: { title: 'UN regional groups, as recorded in the registry of States parties' },
    origin: 'registry',
    version: 1,
  }));
}

/** The named sets as shipped in data/country-sets.json. */
export const shippedSets = (): CountrySet[] =>
  shipped().sets.map((s) => ({ ...s, origin: 'data' as const, version: 1 }));

export const isRegionalGroupId = (id: string): boolean => shipped().regionalGroups.some((g) => g.id === id);

/**
 * Sets whose member lists differ by a few States let a reader subtract one aggregate report
 * from another and read those States' answers. A set may not differ from another active set
 * by fewer than `threshold` States (identical lists are harmless: the reports are the same).
 */
export function assertNotNearDuplicate(
  candidate: { id: string; members: readonly Iso3[] },
  others: readonly CountrySet[],
  threshold: number,
): void {
  const mine = new Set(candidate.members);
  for (const other of others) {
    if (other.id === candidate.id || other.retiredAt) continue;
    const theirs = new Set(other.members);
    const onlyMine = [...mine].filter((m) => !theirs.has(m));
    const onlyTheirs = [...theirs].filter((m) => !mine.has(m));
    const apart = onlyMine.length + onlyTheirs.length;
    if (apart > 0 && apart < threshold) {
      throw new ValidationError(
        `body.members: differs from set ${other.id} by only ${apart} State(s) (${[...onlyMine, ...onlyTheirs].join(', ')}); comparing the two aggregate reports would reveal their answers — add or remove at least ${threshold - apart} more, or retire ${other.id}`,
        { field: 'body.members', set: other.id, apart, threshold },
      );
    }
  }
}

export const ConsentSchema = z.object({
  setId: z.string(),
  iso3: Iso3Schema,
  /** Whether the State shares its named answers with the States of the set. */
  share: z.boolean(),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});

export type Consent = z.infer<typeof ConsentSchema>;
