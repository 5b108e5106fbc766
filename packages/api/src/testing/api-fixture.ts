import { randomUUID } from 'node:crypto';
import { and, eq, type Logger } from 'drizzle-orm';
import type { z } from 'zod';
import type { PhaseMethod, SetParticipationInput } from '@samrad/core';
import { registrationAnswers, registrationQuestions, users } from '@samrad/db';
import type { Connection } from '@samrad/db';
import { createTestDatabase, insertUser, type DatabaseKind } from '@samrad/db/testing';
import { processKeys } from '../auth/keys.js';
import { createCaches, createContextInner, type Caches, type Platform } from '../context.js';
import { seedDemoCity } from '../demo/demo-city.js';
import { createCaller } from '../router.js';
import { ensureDefaultPlatform } from '../use-cases/platform/ensure-platform.js';
import { openSession } from '../auth/sessions.js';

export interface ApiFixture {
  connection: Connection;
  platform: Platform;
  /** The server's caches, which every caller shares (as requests to one process do). */
  caches: Caches;
  /** A caller as a visitor, or as whoever holds `token`, from `clientAddress` if given. */
  caller: (
    token?: string | null,
    options?: { clientAddress?: string },
  ) => Promise<ReturnType<typeof createCaller>>;
  /** A caller signed in as a demo account (`admin` or a full e-mail), or a visitor for null. */
  as: (who: string | null) => Promise<ReturnType<typeof createCaller>>;
  /**
   * A new resident with a confirmed full account who answered the demo city's registration
   * questions (`answers` by question key; by default its one required question).
   */
  resident: (
    answers?: Record<string, string>,
  ) => Promise<{ id: string; caller: ReturnType<typeof createCaller> }>;
  /**
   * A new published project with one phase of `method`, running since yesterday, `action` enabled
   * on it as given (by the demo admin): what most participation tests start from.
   */
  openPhase: (
    method: PhaseMethod,
    setting: Omit<z.input<typeof SetParticipationInput>, 'phaseId' | 'enabled'>,
  ) => Promise<{ projectId: string; phaseId: string }>;
  /** The Set-Cookie values the last caller's procedures wrote. */
  cookies: string[];
  close: () => Promise<void>;
}

/** A fresh database with the demo city, and tRPC callers on it (no HTTP). */
export async function createApiFixture(
  kind: DatabaseKind,
  /** `reads: false`: sessions, subjects and listings loaded per call (see `createCaches`). */
  options: { logger?: Logger; reads?: boolean } = {},
): Promise<ApiFixture> {
  const connection = await createTestDatabase(kind, options);
  const { platform } = await ensureDefaultPlatform(connection.db, { name: 'Lindvik' });
  await seedDemoCity(connection.db, platform);
  const cookies: string[] = [];
  // As the server does: sessions, subjects, smart-group rules and listings kept between calls.
  const caches = await createCaches(connection, { reads: options.reads ?? true });
  const keys = processKeys();
  const caller: ApiFixture['caller'] = async (token, options = {}) => {
    // As the server finds it for each request: settings changed by a test are seen.
    const current = await caches.platformOfHost('localhost');
    const viewer = await caches.viewer(current, token ?? null);
    return createCaller(
      createContextInner({
        db: connection.db,
        platform: current,
        viewer,
        caches,
        keys,
        clientAddress: options.clientAddress ?? null,
        session: {
          set: (value) => cookies.push(`set:${value}`),
          clear: () => cookies.push('clear'),
        },
      }),
    );
  };
  // A session opened directly: sign-in itself is tested on its own (and rate limited).
  const as: ApiFixture['as'] = async (who) => {
    if (who === null) return caller();
    const email = who.includes('@') ? who : `${who}@demo.samrad.local`;
    const [user] = await connection.db
      .select({ id: users.id, platformId: users.platformId })
      .from(users)
      .where(and(eq(users.platformId, platform.id), eq(users.email, email)));
    if (!user) throw new Error(`no demo account ${email}`);
    return caller(await openSessionForTest(connection.db, user));
  };
  return {
    connection,
    platform,
    caches,
    cookies,
    caller,
    as,
    resident: async (answers = { age_group: '18_34' }) => {
      const user = await insertUser(connection.db, platform.id, { emailConfirmedAt: new Date() });
      const questions = await connection.db
        .select({ id: registrationQuestions.id, key: registrationQuestions.key })
        .from(registrationQuestions)
        .where(eq(registrationQuestions.platformId, platform.id));
      const values = questions
        .filter((q) => q.key in answers)
        .map((q) => ({
          platformId: platform.id,
          userId: user.id,
          questionId: q.id,
          value: answers[q.key]!,
        }));
      if (values.length > 0) await connection.db.insert(registrationAnswers).values(values);
      return { id: user.id, caller: await caller(await openSessionForTest(connection.db, user)) };
    },
    openPhase: async (method, setting) => {
      const admin = await as('admin');
      const project = await admin.projects.create({ title: `${method} ${randomUUID()}` });
      await admin.projects.setStatus({ id: project.id, status: 'published' });
      const phase = await admin.phases.create({
        projectId: project.id,
        title: `${method} ${setting.action}`,
        method,
        startAt: new Date(Date.now() - 86_400_000).toISOString(),
      });
      await admin.phases.setParticipation({ ...setting, phaseId: phase.id, enabled: true });
      return { projectId: project.id, phaseId: phase.id };
    },
    close: async () => {
      await caches.close();
      await connection.close();
    },
  };
}

/** A session for any user, pending and blocked ones included (sign-in refuses those). */
export async function openSessionForTest(
  db: Connection['db'],
  user: { id: string; platformId: string },
): Promise<string> {
  const { token } = await openSession(db, { platformId: user.platformId, userId: user.id });
  return token;
}
