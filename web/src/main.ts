/**
 * Entry point: loads config.json, restores or completes the sign-in, and renders the screen for
 * the current hash route (`#/cycles/C1`): hash routes work on any static host, S3 included.
 */
import { h, render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApi } from './api.ts';
import { cognitoSignOut, completeCognitoSignIn, loadSession, type Session, saveSession } from './auth.ts';
import { loadConfig, type WebConfig } from './config.ts';
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
import { SignInScreen } from './screens/sign-in.ts';
import {
  Ctx,
  focusWhenShown,
  LEAVE_QUESTION,
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
      e.returnValue = LEAVE_QUESTION;
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

const ROLE_LABEL = {
  secretariat: 'Secretariat',
  'focal-point': 'Focal point',
  expert: 'Governmental expert',
  observer: 'Observer',
} as const;

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
  if (a === 'questionnaires' && role === 'secretariat' && b === 'uploads' && c)
    return h(QuestionnaireUploadScreen, { uploadId: c });
  if (a === 'questionnaires' && role === 'secretariat') return h(QuestionnairesScreen, {});
  if (a === 'responses') return h(ResponsesScreen, {});
  if (a === 'public') return h(PublicPages, { api, config, route });
  if (a === 'notifications') return h(NotificationsScreen, {});
  if (a === 'people' && role === 'secretariat') return h(PeopleScreen, {});
  return h('p', { role: 'alert' }, 'This page does not exist. ', link('/', 'Back to the start'));
};

const Nav = ({ session }: { session: Session }) => {
  const role = session.user.role;
  const items: [string, string][] = [['/', role === 'secretariat' ? 'Dashboard' : 'My reviews']];
  if (role === 'secretariat' || role === 'observer') items.push(['/registry', 'States parties']);
  items.push(['/cycles', 'Cycles']);
  if (role === 'secretariat') items.push(['/gap-report', 'Gap report'], ['/people', 'People']);
  if (role === 'secretariat') items.push(['/questionnaires', 'Questionnaires']);
  items.push(['/responses', 'Response report']);
  items.push(['/public', 'Published summaries']);
  return h(
    'nav',
    { 'aria-label': 'Main' },
    h('ul', {}, ...items.map(([href, text]) => h('li', {}, link(href, text)))),
  );
};

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
  const signOut = () => {
    setSession(null);
    saveSession(null);
    if (config.auth === 'cognito') cognitoSignOut(config);
    else navigate('/');
  };
  const api = useMemo(
    () =>
      createApi(
        config,
        () => session?.token ?? null,
        () => setSession(null),
      ),
    [config, session],
  );
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
      'Skip to content',
    ),
    h('span', { class: 'brand' }, 'cop-review'),
    session ? h(Nav, { session }) : null,
    session
      ? h(
          'div',
          { class: 'who' },
          h(
            'a',
            { href: '#/notifications', class: 'bell', 'data-testid': 'bell' },
            // A bell the screen reader reads as words, with the count.
            h('span', { 'aria-hidden': 'true' }, '🔔 '),
            unread ? `Notifications (${unread} unread)` : 'Notifications',
          ),
          h('span', { 'data-testid': 'who' }, `${session.user.name} · ${ROLE_LABEL[session.user.role]}`),
          h('button', { type: 'button', class: 'secondary', onClick: signOut }, 'Sign out'),
        )
      : null,
  );
  const [notice, setNotice] = useState('');
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
      `Dates and times are shown in your time zone: ${USER_TIME_ZONE}.`,
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
      root.textContent = `The web UI cannot start: ${err instanceof Error ? err.message : String(err)}`;
    },
  );
}
