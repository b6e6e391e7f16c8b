import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Answers,
  completeness,
  exportSubmission,
  type FormField,
  type FormModel,
  formModel,
  type ItemField,
  listQuestionnaires,
  loadQuestionnaire,
  parseImport,
  type QuestionnaireDefinition,
  validateAnswers,
} from '#shared/domain/questionnaire/index.ts';
import { FIXTURE } from './fixture.ts';

/**
 * Strings within a UTF-16 length budget (astral characters count twice, as in JS and zod). The
 * alphabet mixes ASCII with accented, CJK, Arabic, astral and invisible characters; fast-check's
 * full-unicode units cost seconds of one-time set-up.
 */
const char = fc.oneof(
  fc.string({ minLength: 1, maxLength: 1 }),
  fc.constantFrom('é', 'ß', '中', 'ب', '😀', '\n', '\u00a0', '\u200b', '<', '&', '"'),
);
const text = (max: number, nonBlank: boolean) => {
  const maxLength = Math.min(Math.floor(max / 2), 60);
  if (!nonBlank) return fc.string({ unit: char, maxLength });
  return fc.string({ unit: char, minLength: 1, maxLength }).filter((s) => /\S/.test(s));
};

/** http(s) URLs with awkward path characters (fc.webUrl costs seconds of one-time set-up). */
const httpUrl = fc
  .tuple(
    fc.constantFrom('http', 'https'),
    fc.array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('org', 'int', 'gov.example', 'xn--p1ai'),
    fc.string({ unit: fc.constantFrom(...'abcXYZ09-._~/?=&()"<>\'%#'.split('')), maxLength: 30 }),
  )
  .map(([scheme, labels, tld, rest]) => `${scheme}://${labels.join('.')}.${tld}/${rest}`);

function itemValue(item: ItemField): fc.Arbitrary<unknown> {
  switch (item.widget) {
    case 'text':
      return text(item.maxLength ?? 200, true);
    case 'url':
      return httpUrl.filter((u) => u.length <= (item.maxLength ?? 2048));
    case 'number':
      // +0 normalizes -0, which JSON cannot carry
      return fc
        .double({ min: item.min ?? 0, max: 1e15, noNaN: true, noDefaultInfinity: true })
        .map((v) => v + 0);
    case 'year':
      return fc.integer({ min: item.min ?? 1900, max: item.max ?? 2100 });
  }
}

/** An answer for a field, built only from what the form model tells the UI. */
function fieldValue(field: FormField, filled: boolean): fc.Arbitrary<unknown> {
  const list = <T>(arb: fc.Arbitrary<T>, maxItems: number) =>
    fc.array(arb, { minLength: filled ? 1 : 0, maxLength: Math.min(maxItems, 4) });
  switch (field.widget) {
    case 'radio':
      return fc.constantFrom(...field.options.map((o) => o.value));
    case 'textarea':
      return text(field.maxLength, filled);
    case 'citation-list':
    case 'statistics-list': {
      const shape = Object.fromEntries(field.item.map((i) => [i.key, itemValue(i)]));
      const requiredKeys = field.item.filter((i) => i.required).map((i) => i.key);
      return list(fc.record(shape, { requiredKeys }), field.maxItems);
    }
    case 'attachment-list':
      // Attachment ids are minted by the server (UUIDs): an answer can only name one of those.
      return list(fc.uuid(), field.maxItems);
  }
}

function answersFor(model: FormModel, filled: boolean): fc.Arbitrary<Answers> {
  const fields = model.sections.flatMap((s) => s.articles.flatMap((a) => a.fields));
  const shape = Object.fromEntries(fields.map((f) => [f.id, fieldValue(f, filled)]));
  const all = fc.record(shape) as fc.Arbitrary<Answers>;
  if (filled) return all;
  // A draft answers any subset (a record with optional keys generates far more slowly).
  return fc
    .tuple(all, fc.subarray(fields.map((f) => f.id)))
    .map(([answers, kept]) => Object.fromEntries(kept.map((id) => [id, answers[id]])) as Answers);
}

const DEFS: QuestionnaireDefinition[] = [
  FIXTURE,
  ...listQuestionnaires().map((s) => loadQuestionnaire(s.id)),
];
const defAndAnswers = (filled: boolean) =>
  fc
    .constantFrom(...DEFS)
    .chain((def) => answersFor(formModel(def), filled).map((answers) => ({ def, answers })));

describe('answers generated from the form model', () => {
  it('validate as drafts and round-trip through export and import unchanged', () => {
    fc.assert(
      fc.property(defAndAnswers(false), ({ def, answers }) => {
        expect(validateAnswers(def, answers)).toEqual({ ok: true, value: answers });
        const file = JSON.stringify(exportSubmission(def, answers));
        expect(parseImport(def, file)).toEqual({ ok: true, value: answers });
      }),
      { numRuns: 60 },
    );
  });

  it('pass submission when every field is filled', () => {
    fc.assert(
      fc.property(defAndAnswers(true), ({ def, answers }) => {
        expect(validateAnswers(def, answers, 'submit').ok).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('are reported missing exactly where the form model says a removed answer was required', () => {
    const arb = defAndAnswers(true).chain(({ def, answers }) =>
      fc.subarray(Object.keys(answers)).map((removed) => ({ def, answers, removed })),
    );
    fc.assert(
      fc.property(arb, ({ def, answers, removed }) => {
        const remaining = Object.fromEntries(Object.entries(answers).filter(([id]) => !removed.includes(id)));
        const fields = formModel(def).sections.flatMap((s) => s.articles.flatMap((a) => a.fields));
        const expected = fields
          .filter((f) => removed.includes(f.id))
          .filter(
            (f) =>
              f.required || f.requiredIf?.answerIn.some((v) => v === remaining[f.requiredIf?.question ?? '']),
          )
          .map((f) => f.path);
        expect(completeness(def, remaining)).toEqual({ complete: expected.length === 0, missing: expected });
      }),
      { numRuns: 60 },
    );
  });
});
