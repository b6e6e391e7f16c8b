/**
 * Finding one's way in a long questionnaire (UNTOC is some 60 questions over 17 articles): a
 * navigation of clusters → articles with answered/total and the required answers missing per
 * article, one article shown at a time (or all of them, by choice, remembered on the device),
 * previous/next, and going to a question from anywhere (the list of missing answers, the error
 * summary) brings its article up and puts the cursor in it.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import type { SectionProgress } from '../questionnaire-progress.ts';

const ALL_KEY = 'cop-review.questionnaire.all';

interface Target {
  article: string;
  question?: string;
  /** Changes on every go(), so going twice to the same place focuses again. */
  seq: number;
}

export interface ArticlePager {
  /** The article shown, or null when every article is on the page. */
  shown: string | null;
  current: string;
  all: boolean;
  setAll: (all: boolean) => void;
  /** Shows `article` and moves the focus to its heading, or to `question`'s first control. */
  go: (article: string, question?: string) => void;
}

const focusTarget = ({ article, question }: Target) => {
  const box = question
    ? document.querySelector<HTMLElement>(`[data-question="${CSS.escape(question)}"]`)
    : document.querySelector<HTMLElement>(`[data-article="${CSS.escape(article)}"] h4`);
  if (!box) return;
  const control = question ? box.querySelector<HTMLElement>('input, textarea, select, button') : null;
  const el = control ?? box;
  if (!control && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
};

/**
 * Which article is shown; `articles` in questionnaire order. `initial` (a link's `?article=`) is
 * shown at the start when it is one of them, else the first.
 */
export const useArticlePager = (articles: readonly string[], initial?: string): ArticlePager => {
  const [current, setCurrent] = useState<string>(initial ?? articles[0] ?? '');
  const [all, setAllState] = useState<boolean>(() => localStorage.getItem(ALL_KEY) === 'true');
  const [target, setTarget] = useState<Target | null>(null);
  const known = articles.includes(current) ? current : (articles[0] ?? '');
  useEffect(() => {
    if (target) focusTarget(target);
  }, [target]);
  return {
    shown: all ? null : known,
    current: known,
    all,
    setAll: (next) => {
      localStorage.setItem(ALL_KEY, String(next));
      setAllState(next);
    },
    go: (article, question) => {
      setCurrent(article);
      setTarget((prev) => ({ article, ...(question ? { question } : {}), seq: (prev?.seq ?? 0) + 1 }));
    },
  };
};

const ArticleEntry = ({
  a,
  current,
  go,
  note,
}: {
  a: SectionProgress['articles'][number];
  current: boolean;
  go: (article: string) => void;
  note: string | null;
}) =>
  h(
    'li',
    { class: a.missing.length ? 'qnav-article incomplete' : 'qnav-article' },
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        'data-nav-article': a.articleId,
        'aria-current': current ? 'true' : undefined,
        onClick: () => go(a.articleId),
      },
      h('span', { class: 'qnav-title' }, `${a.articleId} — ${a.title}`),
      h(
        'span',
        { class: 'qnav-count' },
        t('qnav.answered', { answered: a.answered, total: a.total }),
        a.missing.length ? ` · ${t('qnav.missing', { count: a.missing.length })}` : '',
        note ? ` · ${note}` : '',
      ),
    ),
  );

/** The navigation beside the questionnaire: clusters, their articles, and how far each is. */
export const QuestionnaireNav = ({
  instrument,
  sections,
  pager,
  note = () => null,
}: {
  instrument: string;
  sections: readonly SectionProgress[];
  pager: ArticlePager;
  /** A few words more per article (the reviewers' comments on it). */
  note?: (articleId: string) => string | null;
}) => {
  const articles = sections.flatMap((s) => s.articles);
  const answered = articles.reduce((n, a) => n + a.answered, 0);
  const total = articles.reduce((n, a) => n + a.total, 0);
  const missing = articles.reduce((n, a) => n + a.missing.length, 0);
  return h(
    'nav',
    { class: 'qnav', 'aria-label': t('qnav.label', { instrument }), 'data-testid': 'questionnaire-nav' },
    h(
      'p',
      { class: 'qnav-total', 'data-testid': 'questionnaire-progress' },
      h('strong', {}, instrument),
      ` ${t('qnav.answered', { answered, total })}`,
      missing ? ` · ${t('qnav.missing', { count: missing })}` : '',
    ),
    h(
      'label',
      { class: 'inline' },
      h('input', {
        type: 'checkbox',
        checked: pager.all,
        onChange: (e: Event) => pager.setAll((e.currentTarget as HTMLInputElement).checked),
      }),
      ` ${t('qnav.showAll')}`,
    ),
    h(
      'ol',
      { class: 'qnav-clusters' },
      ...sections.map((s) =>
        h(
          'li',
          { key: s.key },
          h('span', { class: 'qnav-cluster' }, t('qnav.cluster', { cluster: s.cluster, title: s.title })),
          h(
            'ol',
            {},
            ...s.articles.map((a) =>
              h(ArticleEntry, {
                key: a.articleId,
                a,
                current: pager.shown === a.articleId,
                go: pager.go,
                note: note(a.articleId),
              }),
            ),
          ),
        ),
      ),
    ),
  );
};

/** Previous and next article, below the one shown (nothing when all are on the page). */
export const ArticleSteps = ({ articles, pager }: { articles: readonly string[]; pager: ArticlePager }) => {
  if (pager.shown === null) return null;
  const at = articles.indexOf(pager.current);
  const prev = at > 0 ? articles[at - 1] : undefined;
  const next = at >= 0 && at < articles.length - 1 ? articles[at + 1] : undefined;
  return h(
    'div',
    { class: 'actions qnav-steps' },
    prev
      ? h(
          'button',
          { type: 'button', class: 'secondary', onClick: () => pager.go(prev) },
          t('qnav.previous', { article: prev }),
        )
      : null,
    next
      ? h(
          'button',
          { type: 'button', class: 'secondary', onClick: () => pager.go(next) },
          t('qnav.next', { article: next }),
        )
      : null,
  );
};
