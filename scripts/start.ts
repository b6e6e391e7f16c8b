/**
 * `npm start`: the platform on this machine. Data is kept under DATA_DIR (default .local/data)
 * so a restart loses nothing; `npm start -- --memory` keeps nothing; `--no-ui` serves the API
 * only (no web build); `--no-dev-sign-in` (or COP_DEV_SIGN_IN=off) turns the dev sign-in and the
 * other /dev endpoints off. COP_CRASH_AT names a step at which the process dies (the crash test).
 */
import { resolve } from 'node:path';
import { buildWeb } from './build-web.ts';
import { DEMO_USERS } from './local/demo-users.ts';
import { devSignInSetting, startPlatform } from './local/platform.ts';
import { seedDemo } from './local/seed.ts';

// Locally we run Node 20 on purpose (the machines' version); Lambda runs Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const memory = process.argv.includes('--memory');
const ui = !process.argv.includes('--no-ui');
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(2);
}
const dataDir = memory ? undefined : resolve(process.env.DATA_DIR ?? '.local/data');

try {
  const devSignIn = devSignInSetting(process.env, process.argv);
  if (ui) await buildWeb();
  const platform = await startPlatform({
    dataDir,
    port,
    webRoot: ui ? resolve('web/dist') : undefined,
    seed: seedDemo,
    crashAt: process.env.COP_CRASH_AT || undefined,
    devSignIn,
  });
  console.log(`\ncop-review is running at ${platform.url}/ui/`);
  console.log(`  API:      ${platform.url}  (OpenAPI: ${platform.url}/openapi.json)`);
  console.log(`  Data:     ${dataDir ?? 'in memory (--memory): nothing is kept'}`);
  if (devSignIn) {
    console.log('  Demo accounts (sign in from the web UI, or POST /dev/sign-in {"sub": "..."}):');
    for (const u of DEMO_USERS) console.log(`    ${u.sub.padEnd(14)} ${u.role.padEnd(12)} ${u.name}`);
  } else
    console.log('  Dev sign-in: off (--no-dev-sign-in / COP_DEV_SIGN_IN=off); /dev endpoints answer 404');
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (err) {
  console.error(`Could not start cop-review: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
