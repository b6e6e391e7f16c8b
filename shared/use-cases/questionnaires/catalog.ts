/**
 * Which questionnaire a review uses: the shipped definitions (data/questionnaires, version 1 of
 * each) and the versions the secretariat published, as one catalog. A published version never
 * changes, so a parsed one is kept for the life of the process.
 */
import { NotFoundError } from '../../domain/errors.ts';
import { findQuestionnaire, questionnaireForInstrument } from '../../domain/questionnaire/catalog.ts';
import type { QuestionnaireDefinition } from '../../domain/questionnaire/definition.ts';
import type { Instrument } from '../../domain/types.ts';
import { findVersionRecord, readDefinition } from '../../repos/questionnaires.ts';

const cache = new Map<string, Promise<QuestionnaireDefinition>>();

/** Version `version` of questionnaire `id` (shipped or published); NotFoundError if there is none. */
export const questionnaireVersion = (id: string, version: number): Promise<QuestionnaireDefinition> => {
  const shipped = findQuestionnaire(id, version);
  if (shipped) return Promise.resolve(shipped);
  const key = `${id}@${version}`;
  let def = cache.get(key);
  if (!def) {
    def = (async () => {
      const record = await findVersionRecord(id, version);
      if (!record) throw new NotFoundError(`no questionnaire ${id} v${version}`, { id, version });
      return readDefinition(record);
    })();
    def.catch(() => cache.delete(key));
    cache.set(key, def);
  }
  return def;
};

/**
 * The newest version of `instrument`'s questionnaire, the one a self-assessment not yet started
 * gets, from its head as read (`latest`: the latest published version, or null).
 */
export const newestQuestionnaire = (
  instrument: Instrument,
  latest: number | null,
): Promise<QuestionnaireDefinition> => {
  const shipped = questionnaireForInstrument(instrument);
  return latest !== null && latest > shipped.version
    ? questionnaireVersion(shipped.id, latest)
    : Promise.resolve(shipped);
};
