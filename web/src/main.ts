/**
 * Entry point: loads config.json, restores or completes the sign-in, and renders the screen for
 * the current hash route (`#/cycles/C1`): hash routes work on any static host, S3 included.
 */
import { h, render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { LANGUAGES, type Language } from '#shared/domain/types.ts';
import { createApi } from './api.ts';
import { cognitoSignOut, completeCognitoSignIn, loadSession, type Session, saveSession } from './auth.ts';
import { loadConfig, type WebConfig } from './config.ts';
import { LANGUAGE_SELF_NAMES, t } from './i18n/index.ts';
import { useLanguage } from './i18n/use-language.ts';
import { roleLabel } from './labels.ts';
import { ActivateScreen } from './screens/activate.ts';
import { CycleScreen, CyclesScreen, DrawScreen } from './screens/cycles.ts';
import { GapReportScreen } from './screens/gap-report.ts';
import { HomeScreen } from './screens/home.ts';
import { NotificationsScreen, useUnreadCount } from './screens/notifications.ts';
import { PeopleScreen } from './screens/people.ts';
import { PublicPages } from './screens/public-pages.ts';
import { QuestionnairesScreen, QuestionnaireUploadScreen } from './screens/questionnaires.ts';
import { RegistryScreen } from './screens/registry.ts';
import { ResponsesScreen } from './screens/responses.ts';
import { ReviewScreen } from './screens/review.ts';
import { queryOfRoute, SearchBox, SearchScreen } from './screens/search.ts';
import { SignInScreen } from './screens/sign-in.ts';
import { TaNeedsScreen } from './screens/ta-needs.ts';
import {
  Ctx,
  focusWhenShown,
  leaveQuestion,
  link,
  mayNavigate,
  USER_TIME_ZONE,
  useApp,
  wouldLoseWork,
} from './ui.ts';

const currentRoute = () => location.hash.replace(/^#/, '') || '/';

const useRoute = (): string => {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const on = (e: HashChangeEvent) => {
      // Unsaved work: ask first; staying puts the old address back without a new history entry.
      if (!mayNavigate()) {
        history.replaceState(null, '', e.oldURL);
        return;
      }
      setRoute(currentRoute());
    };
    const unload = (e: BeforeUnloadEvent) => {
      if (!wouldLoseWork()) return;
      e.preventDefault();
      e.returnValue = leaveQuestion();
    };
    window.addEventListener('hashchange', on);
    window.addEventListener('beforeunload', unload);
    return () => {
      window.removeEventListener('hashchange', on);
      window.removeEventListener('beforeunload', unload);
    };
  }, []);
  return route;
};

const navigate = (to: string) => {
  location.hash = to;
};

const Screen = ({ route, session }: { route: string; session: Session }) => {
  const { api, config } = useApp();
  const parts = route.split('?')[0]?.split('/').filter(Boolean).map(decodeURIComponent) ?? [];
  const [a, b, c, d] = parts;
  const role = session.user.role;
  if (!a) return h(HomeScreen, {});
  if (a === 'registry' && (role === 'secretariat' || role === 'observer')) return h(RegistryScreen, {});
  if (a === 'cycles' && !b) return h(CyclesScreen, {});
  if (a === 'cycles' && b && c === 'draws' && d) return h(DrawScreen, { cycleId: b, drawId: d });
  if (a === 'cycles' && b) return h(CycleScreen, { cycleId: b, tab: c ?? 'overview' });
  if (a === 'reviews' && b) return h(ReviewScreen, { reviewId: b, tab: c ?? 'overview' });
  if (a === 'gap-report' && role === 'secretariat') return h(GapReportScreen, {});
  if (a === 'ta-needs' && role === 'secretariat') return h(TaNeedsScreen, {});
  if (a === 'questionnaires' && role === 'secretariat' && b === 'uploads' && c)
    return h(QuestionnaireUploadScreen, { uploadId: c });
  if (a === 'questionnaires' && role === 'secretariat') return h(QuestionnairesScreen, {});
  if (a === 'responses') return h(ResponsesScreen, {});
  if (a === 'public') return h(PublicPages, { api, config, route });
  if (a === 'notifications') return h(NotificationsScreen, {});
  if (a === 'people' && role === 'secretariat') return h(PeopleScreen, {});
  if (a === 'search') return h(SearchScreen, { q: queryOfRoute(route) });
  return h('p', { role: 'alert' }, `${t('app.notFound')} `, link('/', t('app.backToStart')));
};

const Nav = ({ session }: { session: Session }) => {
  const role = session.user.role;
  const items: [string, string][] = [['/', role === 'secretariat' ? t('nav.dashboard') : t('nav.myReviews')]];
  if (role === 'secretariat' || role === 'observer') items.push(['/registry', t('nav.registry')]);
  items.push(['/cycles', t('nav.cycles')]);
  if (role === 'secretariat') items.push(['/gap-report', t('nav.gapReport')], ['/people', t('nav.people')]);
  if (role === 'secretariat') items.push(['/ta-needs', t('nav.taNeeds')]);
  if (role === 'secretariat') items.push(['/questionnaires', t('nav.questionnaires')]);
  items.push(['/responses', t('nav.responses')]);
  items.push(['/public', t('nav.public')]);
  return h(
    'nav',
    { 'aria-label': t('nav.label') },
    h('ul', {}, ...items.map(([href, text]) => h('li', {}, link(href, text)))),
  );
};

/** The interface language, each language named in itself (and marked with its own lang). */
const LanguagePicker = ({ lang, onChange }: { lang: Language; onChange: (l: Language) => void }) =>
  h(
    'label',
    { class: 'lang' },
    h('span', { class: 'visually-hidden' }, t('app.language')),
    h(
      'select',
      {
        value: lang,
        'data-testid': 'interface-language',
        onChange: (e: Event) => onChange((e.currentTarget as HTMLSelectElement).value as Language),
      },
      ...LANGUAGES.map((l) => h('option', { value: l, lang: l }, LANGUAGE_SELF_NAMES[l])),
    ),
  );

const App = ({ config }: { config: WebConfig }) => {
  const route = useRoute();
  const [session, setSession] = useState<Session | null>(() => loadSession());
  // Back from the hosted sign-in with a code: trade it for tokens once.
  useEffect(() => {
    void completeCognitoSignIn(config).then((s) => {
      if (s) setSession(s);
    });
  }, [config]);
  useEffect(() => saveSession(session), [session]);
  const sub = session?.user.sub ?? null;
  const api = useMemo(
    () =>
      createApi(
        config,
        () => session?.token ?? null,
        () => setSession(null),
      ),
    [config, session],
  );
  const [notice, setNotice] = useState('');
  const [lang, chooseLanguage] = useLanguage(sub, api, () => setNotice(t('app.languageNotSaved')));
  const signOut = () => {
    setSession(null);
    saveSession(null);
    if (config.auth === 'cognito') cognitoSignOut(config);
    else navigate('/');
  };
  // Move focus to the main heading on navigation and after signing in or out (once the screen
  // has loaded it), so keyboard and screen-reader users follow.
  useEffect(() => {
    focusWhenShown('main h1');
  }, [route, session?.user.sub]);

  const unread = useUnreadCount(api, route, session !== null);
  const header = h(
    'header',
    { class: 'top' },
    h(
      'a',
      {
        class: 'skip',
        href: '#main',
        onClick: (e: Event) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        },
      },
      t('app.skip'),
    ),
    h('span', { class: 'brand' }, t('app.brand')),
    session ? h(Nav, { session }) : null,
    session ? h(SearchBox, { key: queryOfRoute(route), initial: queryOfRoute(route), navigate }) : null,
    session
      ? h(
          'div',
          { class: 'who' },
          h(
            'a',
            { href: '#/notifications', class: 'bell', 'data-testid': 'bell' },
            // A bell the screen reader reads as words, with the count.
            h('span', { 'aria-hidden': 'true' }, '🔔 '),
            t('app.notifications', { unread: unread ?? 0 }),
          ),
          h(
            'span',
            { 'data-testid': 'who' },
            t('app.who', { name: session.user.name, role: roleLabel(session.user.role) }),
          ),
          h('button', { type: 'button', class: 'secondary', onClick: signOut }, t('app.signOut')),
        )
      : null,
    h(LanguagePicker, { lang, onChange: chooseLanguage }),
  );
  useEffect(() => setNotice(''), [route]);
  let body: preact.ComponentChildren;
  const activation = route.startsWith('/activate')
    ? new URLSearchParams(route.split('?')[1] ?? '').get('token')
    : null;
  if (activation) body = h(ActivateScreen, { api, token: activation });
  else if (!session && route.startsWith('/public')) body = h(PublicPages, { api, config, route });
  else if (!session) body = h(SignInScreen, { config, onSignedIn: (s: Session) => setSession(s) });
  else
    body = h(
      Ctx.Provider,
      { value: { api, config, session, navigate, notify: setNotice } },
      h(Screen, { route, session }),
    );
  return h(
    'div',
    { class: 'app' },
    header,
    h(
      'main',
      { id: 'main', tabIndex: -1 },
      h(
        'p',
        { class: notice ? 'app-notice ok' : 'app-notice', role: 'status', 'data-testid': 'notice' },
        notice,
      ),
      body,
    ),
    h(
      'footer',
      { class: 'app-footer muted', 'data-testid': 'time-zone' },
      t('app.timeZone', { zone: USER_TIME_ZONE }),
    ),
  );
};

const root = document.getElementById('app');
if (root) {
  loadConfig().then(
    (config) => {
      // Replace the static "Loading…" placeholder rather than render beside it.
      root.textContent = '';
      render(h(App, { config }), root);
    },
    (err: unknown) => {
      root.textContent = t('common.cannotStart', {
        message: err instanceof Error ? err.message : String(err),
      });
    },
  );
}
