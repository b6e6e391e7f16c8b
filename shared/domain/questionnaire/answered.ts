/**
 * Whether a stored or submitted value counts as an answer (blank text and empty lists do not):
 * the one rule the completeness check and the questionnaire's progress in the UI share.
 */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
