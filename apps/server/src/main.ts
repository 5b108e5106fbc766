import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import {
  createCaches,
  demoPassword,
  ensureDefaultPlatform,
  ensureFirstAdmin,
  forgetOldCounters,
  logMailer,
  seedDemoCity,
  serverKeys,
  smtpMailer,
  startEmailDelivery,
} from '@samrad/api';
import { connect } from '@samrad/db';
import { createApp } from './app.js';
import { readEnv } from './env.js';
import { serverSecret } from './secret.js';

const env = readEnv();
const here = dirname(fileURLToPath(import.meta.url));

const connection = await connect({ databaseUrl: env.DATABASE_URL, dataDir: env.SAMRAD_DATA_DIR });
const where =
  connection.kind === 'postgres'
    ? 'PostgreSQL (DATABASE_URL)'
    : `PGlite in ${resolve(env.SAMRAD_DATA_DIR)}`;
console.log(`Samrad database: ${where}, migrations applied`);

// On by default: it only ever fills an empty platform. SAMRAD_DEMO=0 starts empty.
const demo = env.SAMRAD_DEMO !== '0';
const { platform, created } = await ensureDefaultPlatform(connection.db, {
  name: env.SAMRAD_PLATFORM_NAME ?? (demo ? 'Lindvik' : 'Samrad'),
});

if (env.SAMRAD_ADMIN_EMAIL && env.SAMRAD_ADMIN_PASSWORD) {
  const outcome = await ensureFirstAdmin(connection.db, platform, {
    email: env.SAMRAD_ADMIN_EMAIL,
    password: env.SAMRAD_ADMIN_PASSWORD,
  });
  if (outcome !== 'admin-exists') console.log(`First admin ${env.SAMRAD_ADMIN_EMAIL}: ${outcome}`);
}

if (demo) {
  const accounts = await seedDemoCity(connection.db, platform);
  if (accounts.length > 0) {
    console.log(
      `Demo city "${platform.name}" created${created ? '' : ' on the existing platform'}. Sign in with password "${demoPassword}":`,
    );
    for (const account of accounts) {
      console.log(`  ${account.email.padEnd(36)} ${account.role.padEnd(18)} ${account.scope}`);
    }
  }
}

const caches = await createCaches(connection);
const secret = serverSecret(env);
console.log(`Server secret: ${secret.from}`);
const delivery = startEmailDelivery({
  db: connection.db,
  feed: caches.feed,
  mailer: env.SMTP_URL ? smtpMailer(env.SMTP_URL) : logMailer((text) => console.log(text)),
  from: env.SAMRAD_EMAIL_FROM,
  onError: (error) => console.error('[email]', error instanceof Error ? error.message : error),
});
console.log(
  `E-mail: ${env.SMTP_URL ? 'SMTP (SMTP_URL)' : 'to this log and the outbox (no SMTP_URL)'}`,
);
// Rate-limit counters of windows that are over.
const housekeeping = setInterval(
  () => void forgetOldCounters(connection.db).catch(() => {}),
  600_000,
);
housekeeping.unref();
const app = createApp({
  db: connection.db,
  caches,
  keys: serverKeys(secret.secret),
  platform,
  adminDir: resolve(here, '../../admin/dist'),
  widgetsBundle: fileURLToPath(import.meta.resolve('@samrad/widgets/samrad.js')),
  logError: (error, path) => console.error(`[trpc] ${path ?? '?'}:`, error),
});

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  console.log(`Samrad listening on http://${host}:${info.port}`);
  console.log(`  console  http://${host}:${info.port}/admin/`);
  console.log(`  widgets  http://${host}:${info.port}/widgets/samrad.js`);
});

// PGlite writes its files on close: stop accepting requests, then close the database.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  server.close();
  delivery.stop();
  clearInterval(housekeeping);
  await caches.close();
  await connection.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
