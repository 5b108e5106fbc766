import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { TRPCError } from '@trpc/server';
import { Hono, type Context as HonoContext } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import {
  appRouter,
  createContext,
  finishVerification,
  verificationCallbackPath,
  type Caches,
  type Platform,
  type ServerKeys,
} from '@samrad/api';
import { maxImagesPerInput, maxImageUploadBytes } from '@samrad/core';
import type { Database } from '@samrad/db';
import { demoPage, demoPageContentSecurityPolicy } from './demo-page.js';

export interface AppOptions {
  db: Database;
  /** The process's caches (`createCaches`), kept true by the database's change announcements. */
  caches: Caches;
  /** Hashes keyed by the server's secret. */
  keys: ServerKeys;
  platform: Platform;
  /** The built console (apps/admin/dist). */
  adminDir: string;
  /** The built widget bundle (packages/widgets/dist/samrad.js). */
  widgetsBundle: string;
  /** Where INTERNAL_SERVER_ERRORs are reported; other errors are the caller's business. */
  logError?: (error: unknown, path: string | undefined) => void;
}

/** Samrad's HTTP surface: the API, the console, the widget bundle, health, and the demo page. */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const { caches, keys } = options;

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  // SPEC 8: cross-origin calls only from the origins the platform registered for embedding, each
  // answered with its own origin (never a reflection of any Origin), `Vary: Origin` for caches.
  // The widgets send a bearer token, so credentials (cookies) are never allowed cross-origin.
  app.use(
    '/trpc/*',
    cors({
      origin: async (origin, c) => {
        if (!origin) return null;
        const platform = await caches.platformOfHost(
          c.req.header('host') ?? new URL(c.req.url).host,
        );
        return platform.embedOrigins.includes(origin) ? origin : null;
      },
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['authorization', 'content-type', 'trpc-accept'],
      maxAge: 600,
    }),
  );

  // The largest call is an input with all its images, in base64; nothing larger is read at all.
  app.use(
    '/trpc/*',
    bodyLimit({
      maxSize: maxImagesPerInput * Math.ceil(maxImageUploadBytes / 3) * 4 + 1024 * 1024,
      onError: (c) => c.json({ error: { message: 'The request is too large' } }, 413),
    }),
  );

  const contextOf = (c: HonoContext, resHeaders: Headers) =>
    createContext({
      caches,
      keys,
      db: options.db,
      req: c.req.raw,
      resHeaders,
      clientAddress: getConnInfo(c).remote.address ?? null,
    });

  app.all('/trpc/*', (c) =>
    fetchRequestHandler({
      endpoint: '/trpc',
      req: c.req.raw,
      router: appRouter,
      createContext: ({ resHeaders }) => contextOf(c, resHeaders),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') options.logError?.(error, path);
      },
    }),
  );

  // An input's image at the path its view names, for `<img>`: decided as `inputs.image` is, by
  // calling it. Whatever it refuses is simply not here (404), as an invisible input is.
  app.get('/images/:id', async (c) => {
    const caller = appRouter.createCaller(await contextOf(c, new Headers()));
    const image = await caller.inputs.image({ id: c.req.param('id') }).catch((error: unknown) => {
      if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') return null;
      throw error;
    });
    if (!image) return c.text('Not found', 404);
    c.header('content-type', image.contentType);
    c.header('x-content-type-options', 'nosniff');
    c.header('content-security-policy', "default-src 'none'; sandbox");
    // City websites show residents' images: they must load from other origins.
    c.header('cross-origin-resource-policy', 'cross-origin');
    // Who may see it depends on who asks, and can change: never a shared cache, never for long.
    c.header('cache-control', 'private, max-age=60');
    return c.body(Buffer.from(image.base64, 'base64'));
  });

  // The verification provider sends the browser back here (SPEC 4.2 *verified*).
  app.get(verificationCallbackPath, async (c) => {
    const platform = await caches.platformOfHost(c.req.header('host') ?? new URL(c.req.url).host);
    const { outcome, returnTo } = await finishVerification({
      db: options.db,
      keys,
      platform,
      currentUrl: new URL(c.req.url),
    });
    if (returnTo) {
      const target = new URL(returnTo);
      target.searchParams.set('verification', outcome);
      return c.redirect(target.href);
    }
    c.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    return c.html(verificationPage(platform.name, outcome), outcome === 'verified' ? 200 : 400);
  });

  app.get('/widgets/samrad.js', (c) => {
    if (!existsSync(options.widgetsBundle)) return c.text('widget bundle not built', 503);
    c.header('content-type', 'text/javascript; charset=utf-8');
    // Cities embed it from their own origin: it must be loadable cross-origin as a module.
    c.header('access-control-allow-origin', '*');
    c.header('cache-control', 'public, max-age=300');
    return c.body(readFileSync(options.widgetsBundle));
  });

  // The console is never framed (clickjacking); everything else keeps the usual hardening.
  app.use(
    '/admin/*',
    secureHeaders({ xFrameOptions: 'DENY', contentSecurityPolicy: consolePolicy }),
  );
  app.get('/admin', (c) => c.redirect('/admin/'));
  app.use(
    '/admin/*',
    serveStatic({
      root: options.adminDir,
      rewriteRequestPath: (path) => path.replace(/^\/admin/, ''),
    }),
  );
  // Client-side routes of the console fall back to its index page.
  app.get('/admin/*', (c) => {
    const index = join(options.adminDir, 'index.html');
    if (!existsSync(index)) return c.text('console not built', 503);
    return c.html(readFileSync(index, 'utf8'));
  });

  app.get('/', (c) => {
    c.header('content-security-policy', demoPageContentSecurityPolicy);
    return c.html(demoPage({ cityName: options.platform.name, origin: new URL(c.req.url).origin }));
  });

  return app;
}

const consolePolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
};

const verificationMessages = {
  verified: 'Your identity is verified. You can close this window.',
  taken: 'This identity already verified another account on this platform.',
  failed: 'The verification did not go through, or its link expired. Please try again.',
} as const;

/** What the browser shows when no page asked to be returned to. */
function verificationPage(cityName: string, outcome: keyof typeof verificationMessages): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escape(cityName)}: verification</title><main><h1>${escape(cityName)}</h1><p role="status">${verificationMessages[outcome]}</p></main></html>`;
}
