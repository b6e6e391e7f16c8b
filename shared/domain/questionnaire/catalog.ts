/**
 * The questionnaires shipped with the platform (data/questionnaires/*.json), read and parsed
 * once, on first use (not at module load: every function's cold start would pay for four
 * questionnaires most requests never look at); a broken data file fails with the file named.
 */

import { type DataFile, readDataFile } from '#shared/data-files.ts';
import { NotFoundError } from '#shared/domain/errors.ts';
import type { Instrument } from '#shared/domain/types.ts';
import { type QuestionnaireDefinition, QuestionnaireDefinitionSchema, questionsOf } from './definition.ts';

/** The files (an older version stays listed, as `<id>@v<n>.json` in DATA_FILES, while submissions use it). */
const SOURCES: readonly DataFile[] = [
  'questionnaires/untoc-convention.json',
  'questionnaires/untoc-tip.json',
  'questionnaires/untoc-som.json',
  'questionnaires/untoc-firearms.json',
];

function parseAll(): QuestionnaireDefinition[] {
  const defs = SOURCES.map((file) => {
    const parsed = QuestionnaireDefinitionSchema.safeParse(readDataFile(file));
    if (!parsed.success) {
      throw new Error(`data/${file} is not a valid questionnaire:\n${parsed.error.message}`);
    }
    return parsed.data;
  });
  const keys = new Set<string>();
  for (const def of defs) {
    const key = `${def.id}@${def.version}`;
    if (keys.has(key)) throw new Error(`questionnaire ${key} is defined twice in data/questionnaires`);
    keys.add(key);
  }
  return defs;
}

let definitions: readonly QuestionnaireDefinition[] | undefined;
const allDefinitions = (): readonly QuestionnaireDefinition[] => {
  definitions ??= parseAll();
  return definitions;
};

export interface QuestionnaireSummary {
  id: string;
  version: number;
  instrument: Instrument;
  title: string;
  clusters: number[];
  questionCount: number;
  requiredCount: number;
}

/** The latest version of each questionnaire, in a stable order (Convention first, then Protocols). */
export function listQuestionnaires(): QuestionnaireSummary[] {
  return latestVersions().map((def) => {
    const questions = questionsOf(def);
    return {
      id: def.id,
      version: def.version,
      instrument: def.instrument,
      title: def.title,
      clusters: def.clusters.map((c) => c.number),
      questionCount: questions.length,
      requiredCount: questions.filter(({ question }) => question.required).length,
    };
  });
}

function latestVersions(): QuestionnaireDefinition[] {
  const latest = new Map<string, QuestionnaireDefinition>();
  for (const def of allDefinitions()) {
    const current = latest.get(def.id);
    if (!current || def.version > current.version) latest.set(def.id, def);
  }
  return [...latest.values()];
}

/** A questionnaire by id (latest version unless `version` is given), or undefined. */
export function findQuestionnaire(id: string, version?: number): QuestionnaireDefinition | undefined {
  if (version === undefined) return latestVersions().find((def) => def.id === id);
  return allDefinitions().find((def) => def.id === id && def.version === version);
}

/** A questionnaire by id (latest version unless `version` is given); `NotFoundError` if unknown. */
export function loadQuestionnaire(id: string, version?: number): QuestionnaireDefinition {
  const def = findQuestionnaire(id, version);
  if (!def) {
    throw new NotFoundError(
      version === undefined ? `no questionnaire ${id}` : `no questionnaire ${id} v${version}`,
      {
        id,
        ...(version === undefined ? {} : { version }),
      },
    );
  }
  return def;
}

/** The latest questionnaire for an instrument (each instrument has exactly one). */
export function questionnaireForInstrument(instrument: Instrument): QuestionnaireDefinition {
  const def = latestVersions().find((d) => d.instrument === instrument);
  if (!def) throw new NotFoundError(`no questionnaire for ${instrument}`, { instrument });
  return def;
}
