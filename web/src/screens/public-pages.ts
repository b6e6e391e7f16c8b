/** The public pages (no sign-in), chosen by the route, under one small navigation. */
import { h } from 'preact';
import type { Api } from '../api.ts';
import type { WebConfig } from '../config.ts';
import { t } from '../i18n/index.ts';
import { link } from '../ui.ts';
import { PublicScreen } from './public.ts';
import { PublicFindingsScreen } from './public-findings.ts';
import { PublicStatusScreen } from './public-status.ts';

export const PublicPages = ({ api, config, route }: { api: Api; config: WebConfig; route: string }) => {
  const page = route.split('?')[0]?.split('/')[2] ?? '';
  return h(
    'div',
    {},
    h(
      'nav',
      { 'aria-label': t('pub.nav'), class: 'subnav' },
      h(
        'ul',
        {},
        h('li', {}, link('/public', t('pub.nav.summaries'))),
        h('li', {}, link('/public/status', t('pub.nav.status'))),
        h('li', {}, link('/public/findings', t('pub.nav.findings'))),
      ),
    ),
    page === 'status'
      ? h(PublicStatusScreen, { api })
      : page === 'findings'
        ? h(PublicFindingsScreen, { api, config })
        : h(PublicScreen, { api, config }),
  );
};
