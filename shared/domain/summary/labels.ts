/**
 * Language-dependent labels shared by the Markdown, HTML and PDF renderers, so the three
 * formats say the same thing.
 */
import { stateNameIn } from '#shared/domain/i18n/country-names.ts';
import { FOLLOW_UP_STRINGS } from '#shared/domain/i18n/follow-up-strings.ts';
import { fill, joinList, SUMMARY_STRINGS, type SummaryStrings } from '#shared/domain/i18n/summary-strings.ts';
import type { Language } from '#shared/domain/types.ts';
import {
  type ArticleBlock,
  type FollowUpStatement,
  type ObservationSectionId,
  parseArticleId,
  type SummaryDocument,
} from './document.ts';

export const SECTION_HEADING: Readonly<
  Record<'introduction' | ObservationSectionId, (s: SummaryStrings) => string>
> = {
  introduction: (s) => s.sections.introduction,
  successes: (s) => s.sections.successes,
  challenges: (s) => s.sections.challenges,
  'ta-needs': (s) => s.sections.taNeeds,
};

/** The reviewed State's name in the document's language. */
const stateOf = (doc: SummaryDocument, lang: Language): string =>
  stateNameIn(doc.state.iso3, doc.state.name, lang);

export function titleOf(doc: SummaryDocument, lang: Language): string {
  return fill(SUMMARY_STRINGS[lang].title, { state: stateOf(doc, lang) });
}

function scopeLabel(doc: SummaryDocument, lang: Language): string {
  const s = SUMMARY_STRINGS[lang];
  const parts: string[] = [];
  if (doc.scope.instrument !== null) parts.push(s.instrumentShort[doc.scope.instrument]);
  if (doc.scope.cluster !== null) parts.push(fill(s.scope.cluster, { n: doc.scope.cluster }));
  return parts.length === 0 ? s.scope.combined : parts.join(' — ');
}

export function subtitleOf(doc: SummaryDocument, lang: Language): string {
  return fill(SUMMARY_STRINGS[lang].subtitle, { scope: scopeLabel(doc, lang) });
}

/**
 * Heading of an article block in parts: boilerplate (`head`), the title, and `original`, the
 * visible "English original" label when the title is not in the document's language (the
 * questionnaire definitions give article titles in English only).
 */
export function articleHeadingParts(
  block: ArticleBlock,
  lang: Language,
): { head: string; title: string | null; original: string | null } {
  const s = SUMMARY_STRINGS[lang];
  return {
    head: `${s.instrumentShort[block.instrument]} — ${fill(s.article, { n: block.number })}`,
    title: block.title,
    original: block.title !== null && lang !== 'en' ? s.englishOriginal : null,
  };
}

export function articleHeading(block: ArticleBlock, lang: Language): string {
  const { head, title, original } = articleHeadingParts(block, lang);
  if (title === null) return head;
  return original === null ? `${head} — ${title}` : `${head} — ${title} (${original})`;
}

export interface IntroField {
  label: string;
  value: string;
}

/** The introduction's facts, in display order. Values mix boilerplate and names as written. */
export function introFields(doc: SummaryDocument, lang: Language): IntroField[] {
  const s = SUMMARY_STRINGS[lang];
  return [
    { label: s.intro.reviewedState, value: `${stateOf(doc, lang)} (${doc.state.iso3})` },
    { label: s.intro.regionalGroup, value: s.groups[doc.state.group ?? 'none'] },
    { label: s.intro.legalSystem, value: s.legalSystems[doc.state.legalSystem] },
    { label: s.intro.instruments, value: doc.instruments.map((i) => s.instrumentNames[i]).join('; ') },
    { label: s.intro.cycle, value: doc.cycleName ?? doc.cycleId },
    {
      label: s.intro.reviewPeriod,
      value: fill(s.intro.periodRange, { from: doc.reviewPeriod.from, to: doc.reviewPeriod.to }),
    },
    {
      label: s.intro.reviewingStates,
      value: joinList(
        lang,
        doc.reviewingStates.map((r) => `${stateNameIn(r.iso3, r.name, lang)} (${r.iso3})`),
      ),
    },
    {
      label: s.intro.status,
      // Agreed and published issues name the text the State agreed to (issue 16, item 13).
      value:
        doc.agreed && doc.lifecycle !== 'draft'
          ? `${s.lifecycle[doc.lifecycle]} — ${fill(s.intro.agreedText, { version: doc.agreed.documentVersion, date: doc.agreed.date })}`
          : s.lifecycle[doc.lifecycle],
    },
  ];
}

/** Page footer label ("Page 2 of 5"). */
export function pageLabel(lang: Language, page: number, pages: number): string {
  return fill(SUMMARY_STRINGS[lang].page, { page, pages });
}

/** The words of one agreed follow-up, shared by the three renderers. */
export function followUpParts(
  st: FollowUpStatement,
  lang: Language,
): { heading: string; earlier: string; status: string; statusLabel: string; explanation: string | null } {
  const s = SUMMARY_STRINGS[lang];
  const f = FOLLOW_UP_STRINGS[lang];
  const { instrument, number } = parseArticleId(st.article);
  return {
    heading: `${s.instrumentShort[instrument]} — ${fill(s.article, { n: number })}`,
    earlier: `${fill(f.earlier, { cycle: st.fromCycleId })} (${s.kinds[st.kind]})`,
    status: f.status,
    statusLabel: st.statusLabels[lang] ?? st.statusLabels.en ?? st.status,
    explanation: st.explanation,
  };
}
