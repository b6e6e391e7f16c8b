/**
 * Which questionnaire a review uses: the shipped definitions (data/questionnaires, version 1 of
 * each) and the versions the secretariat published, as one catalog. A published version never
 * changes, so a parsed one is kept for the life of the process.
 */
import type { ReviewQuestionnaires } from '../../domain/dialogue.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { findQuestionnaire, questionnaireForInstrument } from '../../domain/questionnaire/catalog.ts';
import type { QuestionnaireDefinition } from '../../domain/questionnaire/definition.ts';
import type { Review } from '../../domain/review.ts';
import type { Instrument } from '../../domain/types.ts';
import { getMany } from '../../repos/dynamo.ts';
import { questionnaireKeys, SA_KEYS } from '../../repos/keys.ts';
import { findVersionRecord, latestOf, readDefinition } from '../../repos/questionnaires.ts';
import { draftOf } from '../../repos/self-assessments.ts';

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

/**
 * The questionnaire each instrument of a review uses: the version its self-assessment draft
 * records once started (kept for the life of the self-assessment), else the newest. Comment
 * anchors, observation articles and the gap report read these, not the shipped definitions.
 * One batch read: the drafts and the questionnaire heads together.
 */
export const reviewQuestionnaires = async (
  review: Pick<Review, 'reviewId' | 'instruments'>,
): Promise<ReviewQuestionnaires> => {
  const { instruments } = review;
  const items = await getMany([
    ...instruments.map((i) => SA_KEYS.draft(review.reviewId, i)),
    ...instruments.map((i) => questionnaireKeys.head(questionnaireForInstrument(i).id)),
  ]);
  const defs = await Promise.all(
    instruments.map((instrument, k) => {
      const draft = draftOf(items[k]);
      return draft
        ? questionnaireVersion(draft.questionnaireId, draft.questionnaireVersion)
        : newestQuestionnaire(instrument, latestOf(items[instruments.length + k]));
    }),
  );
  return new Map(instruments.map((instrument, k) => [instrument, defs[k] as QuestionnaireDefinition]));
};
