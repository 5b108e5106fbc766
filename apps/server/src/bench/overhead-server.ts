/**
 * The server of the tRPC-overhead bench (trpc-overhead.ts starts it; never deployed): Samrad's
 * app as `createApp` makes it, plus routes that each add one part of a tRPC call to a constant
 * answer, so that what each part costs per request can be told apart over real HTTP. Visitors
 * only, on an empty database (DATABASE_URL, else an in-memory PGlite) that holds nothing but the
 * default platform: only `/bench/select-1` reads it, the others get the platform from the
 * server's cache.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { initTRPC } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  appRouter,
  createCaches,
  createCaller,
  createContext,
  ensureDefaultPlatform,
  processKeys,
} from '@samrad/api';
import { connect } from '@samrad/db';
import { createApp } from '../app.js';

const connection = await connect(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' },
);
const { db } = connection;
const { platform } = await ensureDefaultPlatform(db, { name: 'Bench' });
const caches = await createCaches(connection);
const keys = processKeys();
const app = createApp({
  db,
  caches,
  keys,
  platform,
  // Never served by this bench.
  adminDir: join(tmpdir(), 'samrad-bench-no-console'),
  widgetsBundle: join(tmpdir(), 'samrad-bench-no-widgets.js'),
});
const contextOf = (req: Request, resHeaders = new Headers()) =>
  createContext({ caches, keys, db, req, resHeaders, clientAddress: null });

const answer = { name: 'Bench' };

/** The smallest tRPC there is: no context, no middleware, no transformer. */
const t = initTRPC.create();
const bareRouter = t.router({
  plain: t.procedure.query(() => answer),
  validated: t.procedure.input(z.object({}).strict().optional()).query(() => answer),
});

app.get('/bench/context', async (c) => {
  await contextOf(c.req.raw);
  return c.json(answer);
});

// The cheapest request that touches the database: one round trip, nothing read.
app.get('/bench/select-1', async (c) => {
  await db.execute(sql`select 1`);
  return c.json(answer);
});

// The real procedure and context without the fetch adapter.
app.get('/bench/caller', async (c) =>
  c.json(await createCaller(await contextOf(c.req.raw)).platform.get()),
);

app.all('/bench/trpc/*', (c) =>
  fetchRequestHandler({
    endpoint: '/bench/trpc',
    req: c.req.raw,
    router: bareRouter,
    createContext: () => ({}),
  }),
);

// The real router as app.ts mounts it, with Node's AbortSignal.any hidden while it runs, so that
// tRPC falls back to its own combiner (it looks at each call). Only this bench's requests run
// while it is hidden: the scenarios are measured one at a time.
const abortSignalAny = Object.getOwnPropertyDescriptor(AbortSignal, 'any')!;
let hiding = 0;
app.all('/bench/no-abort-signal-any/trpc/*', async (c) => {
  if (hiding++ === 0) Reflect.deleteProperty(AbortSignal, 'any');
  try {
    return await fetchRequestHandler({
      endpoint: '/bench/no-abort-signal-any/trpc',
      req: c.req.raw,
      router: appRouter,
      createContext: ({ req, resHeaders }) => contextOf(req, resHeaders),
    });
  } finally {
    if (--hiding === 0) Object.defineProperty(AbortSignal, 'any', abortSignalAny);
  }
});

const hostname = process.env.HOST ?? '127.0.0.1';
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname }, (info) =>
  console.log(`tRPC overhead bench server listening on http://${hostname}:${info.port}`),
);
process.on('SIGTERM', () => {
  server.close();
  void connection.close().then(() => process.exit(0));
});
