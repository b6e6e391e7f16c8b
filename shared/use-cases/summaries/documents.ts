/** Reading summaries: a review's summary heads and one stored file, its bytes checked first. */
import type { Principal } from '../../auth/principal.ts';
import { ConflictError } from '../../domain/errors.ts';
import { CONTENT_TYPES, type SummaryFormat } from '../../domain/summary/formats.ts';
import type { SummaryHead, SummaryScopeParam } from '../../domain/summary/head.ts';
import type { Language } from '../../domain/types.ts';
import { verifiedBytes } from '../../repos/objects.ts';
import { getSummary, listReviewSummaries, readSummaryObject } from '../../repos/summaries.ts';
import type { ServedDocument } from '../context.ts';
import { loadReviewFor } from '../review-access.ts';

type Actor = Principal;
type SummaryRef = { reviewId: string; scope: SummaryScopeParam };

const fileOf = (head: SummaryHead, lang: Language, format: SummaryFormat) => {
  const file = head.files.find((f) => f.lang === lang && f.format === format);
  if (file) return file;
  const why = head.unavailable.find((u) => u.lang === lang && u.format === format)?.reason;
  throw new ConflictError(why ?? `no ${format} in ${lang} for this summary`, { lang, format });
};

/** One stored file of a summary, its bytes checked against the SHA-256 recorded when written. */
export const summaryFile = async (
  head: SummaryHead,
  lang: Language,
  format: SummaryFormat,
): Promise<ServedDocument> => {
  const file = fileOf(head, lang, format);
  const bytes = verifiedBytes(
    await readSummaryObject(file.key),
    file.sha256,
    `the ${lang} ${format} file of this summary`,
  );
  return {
    body: format === 'pdf' ? bytes : Buffer.from(bytes).toString('utf8'),
    contentType: CONTENT_TYPES[format],
    sha256: file.sha256,
    fileName: `${head.reviewedState}-${head.scope}-v${head.documentVersion}-${lang}.${format}`,
  };
};

export const listSummaries = async (actor: Actor, { reviewId }: { reviewId: string }) => {
  await loadReviewFor(actor, reviewId, 'summary.read-draft');
  return { summaries: await listReviewSummaries(reviewId) };
};

export const getSummaryDocument = async (
  actor: Actor,
  input: SummaryRef & { lang: Language; format: SummaryFormat },
): Promise<ServedDocument> => {
  await loadReviewFor(actor, input.reviewId, 'summary.read-draft');
  return summaryFile(await getSummary(input.reviewId, input.scope), input.lang, input.format);
};
