import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { compileSubject, decide, visitor, type ScopeFacts, type Subject } from '@samrad/core';
import type { Connection } from '../connect.js';
import { auditLog } from '../schema/audit.js';
import { folders } from '../schema/folders.js';
import { projects } from '../schema/projects.js';
import {
  createTestDatabase,
  insertPlatform,
  insertProject,
  testDatabaseKinds,
} from '../testing/index.js';
import {
  grantsOn,
  insertFolderTree,
  pick,
  roleGrants,
  subjectStatus,
} from '../testing/random-world.js';
import { auditEntryReadableBy } from './audit.js';
import { subjectScope } from './subject-scope.js';

/*
 * The SQL twin of `audit.read` (SPEC 7) selects exactly the entries whose scope the policy lets
 * the subject read — over random worlds (a folder tree, projects in it, subjects holding random
 * roles) on the real database, PGlite and PostgreSQL. Entries may describe a folder or project
 * that was deleted since (their scope columns are not foreign keys), and entries of another
 * platform pointing at this platform's folders and projects must never show.
 */

const scopeKinds = ['platform', 'folder', 'project', 'goneFolder', 'goneProject'] as const;

const world = fc.record({
  folders: fc.array(fc.record({ parent: fc.nat(), hasParent: fc.boolean() }), { maxLength: 7 }),
  projects: fc.array(fc.option(fc.nat(), { nil: undefined }), { maxLength: 8 }),
  entries: fc.array(fc.record({ scope: fc.constantFrom(...scopeKinds), index: fc.nat() }), {
    maxLength: 12,
  }),
  /** Entries written on another platform but carrying this platform's folder or project ids. */
  foreign: fc.array(fc.record({ project: fc.boolean(), index: fc.nat() }), { maxLength: 3 }),
  subjects: fc.array(
    fc.record({
      status: subjectStatus,
      grants: roleGrants(3),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

describe.each(testDatabaseKinds())('the SQL audit filter equals the policy on %s', (kind) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestDatabase(kind);
  });
  afterAll(() => connection?.close());

  it('for entries on the platform, on folders and on projects, present or deleted', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { db } = connection;
        const platform = await insertPlatform(db);
        const elsewhere = await insertPlatform(db);

        const folderRows = await insertFolderTree(db, platform.id, w.folders);
        for (const folder of w.projects) {
          const parent = folder !== undefined ? pick(folderRows, folder) : undefined;
          await insertProject(db, platform.id, { folderId: parent?.id });
        }

        // The scopes as the policy sees them, read back from the database (paths made by triggers).
        const folderScopes = (
          await db.select().from(folders).where(eq(folders.platformId, platform.id))
        ).map((f): ScopeFacts & { type: 'folder' } => ({
          type: 'folder',
          id: f.id,
          ancestorIds: f.path,
        }));
        const projectScopes = (
          await db.select().from(projects).where(eq(projects.platformId, platform.id))
        ).map((p): ScopeFacts & { type: 'project' } => ({
          type: 'project',
          id: p.id,
          folderIds: p.folderPath,
        }));

        // Each entry with the scope the policy decides on; a deleted folder or project has no
        // folders above it any more, so only a grant that covers the whole platform reaches it.
        const entries = w.entries.flatMap(({ scope, index }): ScopeFacts[] => {
          switch (scope) {
            case 'platform':
              return [{ type: 'platform' }];
            case 'folder':
            case 'project': {
              const found = pick<ScopeFacts>(
                scope === 'folder' ? folderScopes : projectScopes,
                index,
              );
              return found ? [found] : [];
            }
            case 'goneFolder':
              return [{ type: 'folder', id: randomUUID(), ancestorIds: [] }];
            case 'goneProject':
              return [{ type: 'project', id: randomUUID(), folderIds: [] }];
          }
        });
        const entryRow = (platformId: string, scope: ScopeFacts) => ({
          platformId,
          actorLabel: 'Someone <someone@city.test>',
          action: 'test.change',
          targetType: scope.type,
          targetId: scope.type === 'platform' ? null : scope.id,
          folderId: scope.type === 'folder' ? scope.id : null,
          projectId: scope.type === 'project' ? scope.id : null,
        });
        const written =
          entries.length > 0
            ? await db
                .insert(auditLog)
                .values(entries.map((scope) => entryRow(platform.id, scope)))
                .returning({ id: auditLog.id })
            : [];
        const foreign = w.foreign.flatMap(({ project, index }) => {
          const scope = project ? pick(projectScopes, index) : pick(folderScopes, index);
          return scope ? [entryRow(elsewhere.id, scope)] : [];
        });
        if (foreign.length > 0) await db.insert(auditLog).values(foreign);

        const subjects: Subject[] = [
          visitor,
          ...w.subjects.map((s) =>
            compileSubject({
              userId: randomUUID(),
              status: s.status,
              kind: 'full',
              emailConfirmed: true,
              verifiedAt: null,
              roles: grantsOn(s.grants, folderScopes, projectScopes),
            }),
          ),
        ];

        for (const subject of subjects) {
          // The whole log, every platform: the filter alone must keep out what is not readable.
          const selected = (
            await db
              .select({ id: auditLog.id })
              .from(auditLog)
              .where(auditEntryReadableBy(subjectScope(platform.id, subject)))
          )
            .map((r) => r.id)
            .sort();
          const expected = written
            .filter(
              (_, i) =>
                decide(subject, 'audit.read', { type: 'scope', scope: entries[i]! }).allowed,
            )
            .map((r) => r.id)
            .sort();
          expect(selected).toEqual(expected);
        }
      }),
      { numRuns: kind === 'pglite' ? 30 : 50 },
    );
  });
});
