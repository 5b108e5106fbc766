import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import {
  compileSubject,
  decide,
  projectVisibilities,
  publicationStatuses,
  visitor,
  type FolderFacts,
  type ProjectFacts,
  type Subject,
} from '@samrad/core';
import type { Connection } from '../connect.js';
import { folders } from '../schema/folders.js';
import { userGroups } from '../schema/groups.js';
import { projectMembers, projects, projectVisibilityGroups } from '../schema/projects.js';
import {
  createTestDatabase,
  insertPhase,
  insertPlatform,
  insertProject,
  insertUser,
  testDatabaseKinds,
} from '../testing/index.js';
import {
  grantsOn,
  insertFolderTree,
  pick,
  roleGrants,
  subjectStatus,
} from '../testing/random-world.js';
import { users } from '../schema/users.js';
import { groupReadableBy, userPersonalDataReadableBy, userReadableBy } from './people.js';
import { inputs } from '../schema/inputs.js';
import { inputReadableBy } from './inputs.js';
import { folderPathReadableBy, folderReadableBy } from './folders.js';
import { projectListableBy, projectReadableBy, projectVisibilityKey } from './projects.js';
import { subjectScope, type SubjectScope } from './subject-scope.js';

/*
 * Property (1) of the access model: over random worlds, each SQL filter selects exactly the rows
 * (projects, folders, inputs, people, groups) for which the policy's decision allows — on the real database, PGlite and PostgreSQL.
 */

const world = fc.record({
  folders: fc.array(
    fc.record({
      parent: fc.nat(),
      hasParent: fc.boolean(),
      status: fc.constantFrom(...publicationStatuses),
    }),
    { maxLength: 7 },
  ),
  projects: fc.array(
    fc.record({
      folder: fc.option(fc.nat(), { nil: undefined }),
      status: fc.constantFrom(...publicationStatuses),
      visibleTo: fc.constantFrom(...projectVisibilities),
      listed: fc.boolean(),
      membersOnly: fc.boolean(),
      groups: fc.subarray([0, 1, 2]),
      inputs: fc.array(fc.boolean(), { maxLength: 2 }),
    }),
    { maxLength: 10 },
  ),
  subjects: fc.array(
    fc.record({
      status: subjectStatus,
      groups: fc.subarray([0, 1, 2]),
      memberOf: fc.array(fc.nat(), { maxLength: 2 }),
      listed: fc.boolean(),
      authored: fc.array(fc.nat(), { maxLength: 2 }),
      grants: roleGrants(2),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

describe.each(testDatabaseKinds())('SQL visibility filters equal the policy on %s', (kind) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestDatabase(kind);
  });
  afterAll(() => connection?.close());

  it('for projects (read, list) and folders (read, read path), for every kind of subject', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { db } = connection;
        const platform = await insertPlatform(db);
        const groupIds = (
          await db
            .insert(userGroups)
            .values(
              [0, 1, 2].map((i) => ({
                platformId: platform.id,
                name: `Group ${i}`,
                kind: 'manual' as const,
              })),
            )
            .returning({ id: userGroups.id })
        ).map((g) => g.id);

        const folderRows = await insertFolderTree(db, platform.id, w.folders);
        for (const p of w.projects) {
          const folder = p.folder !== undefined ? pick(folderRows, p.folder) : undefined;
          const row = await insertProject(db, platform.id, {
            folderId: folder?.id,
            status: p.status,
            visibleTo: p.visibleTo,
            listed: p.listed,
            membersOnly: p.membersOnly,
          });
          if (p.inputs.length > 0) {
            const phase = await insertPhase(db, platform.id, row.id);
            const now = new Date();
            await db.insert(inputs).values(
              p.inputs.map((hidden) => ({
                platformId: platform.id,
                projectId: row.id,
                phaseId: phase.id,
                title: 'Idea',
                body: 'Body',
                moderation: hidden ? ('hidden' as const) : ('visible' as const),
                dataCollection: 'all' as const,
                createdAt: now,
                updatedAt: now,
              })),
            );
          }
          if (p.groups.length > 0) {
            await db.insert(projectVisibilityGroups).values(
              p.groups.map((g) => ({
                platformId: platform.id,
                projectId: row.id,
                groupId: groupIds[g]!,
              })),
            );
          }
        }

        // The facts as the policy sees them, read back from the database (paths made by triggers).
        const folderTable = await db
          .select()
          .from(folders)
          .where(eq(folders.platformId, platform.id));
        const draftFolders = new Set(
          folderTable.filter((f) => f.status === 'draft').map((f) => f.id),
        );
        const visibility = await db
          .select()
          .from(projectVisibilityGroups)
          .where(eq(projectVisibilityGroups.platformId, platform.id));
        const projectFacts: ProjectFacts[] = (
          await db.select().from(projects).where(eq(projects.platformId, platform.id))
        ).map((p) => ({
          id: p.id,
          folderIds: p.folderPath,
          status: p.status,
          everPublished: p.firstPublishedAt !== null,
          listed: p.listed,
          visibleTo: p.visibleTo,
          visibleGroupIds: visibility.filter((v) => v.projectId === p.id).map((v) => v.groupId),
          membersOnly: p.membersOnly,
          joinRequests: p.joinRequests,
          inDraftFolder: p.folderPath.some((id) => draftFolders.has(id)),
        }));
        const folderFacts: FolderFacts[] = folderTable.map((f) => ({
          id: f.id,
          ancestorIds: f.path,
          status: f.status,
          subtreeProjects: projectFacts.filter((p) => p.folderIds.includes(f.id)),
        }));

        // Each generated subject is a real user, who may be listed and may have posted inputs.
        const people: (Awaited<ReturnType<typeof insertUser>> & { memberOf: string[] })[] = [];
        for (const s of w.subjects) {
          const person = await insertUser(db, platform.id, {
            listedInDirectory: s.listed,
            status: s.status as 'active',
          });
          for (const index of s.authored) {
            const project = projectFacts[index % Math.max(projectFacts.length, 1)];
            if (!project) continue;
            const phase = await insertPhase(db, platform.id, project.id);
            const now = new Date();
            await db.insert(inputs).values({
              platformId: platform.id,
              projectId: project.id,
              phaseId: phase.id,
              authorId: person.id,
              title: 'Mine',
              body: 'Body',
              dataCollection: 'all',
              createdAt: now,
              updatedAt: now,
            });
          }
          const memberOf = [
            ...new Set(
              s.memberOf.flatMap(
                (i) => projectFacts[i % Math.max(projectFacts.length, 1)]?.id ?? [],
              ),
            ),
          ];
          if (memberOf.length > 0) {
            await db.insert(projectMembers).values(
              memberOf.map((projectId) => ({
                platformId: platform.id,
                projectId,
                userId: person.id,
                source: 'added' as const,
              })),
            );
          }
          people.push({ ...person, memberOf });
        }
        const authored = await db.select().from(inputs).where(eq(inputs.platformId, platform.id));
        const userFacts = people.map((person) => ({
          id: person.id,
          user: {
            id: person.id,
            listedInDirectory: person.listedInDirectory,
            active: person.status === 'active',
            memberOf: person.memberOf,
            participatedIn: projectFacts.filter((p) =>
              authored.some((i) => i.authorId === person.id && i.projectId === p.id),
            ),
          },
        }));

        const inputFacts = (
          await db.select().from(inputs).where(eq(inputs.platformId, platform.id))
        ).map((input) => ({
          id: input.id,
          input: {
            project: projectFacts.find((p) => p.id === input.projectId)!,
            hidden: input.moderation === 'hidden',
          },
        }));

        const subjects: Subject[] = [
          visitor,
          ...w.subjects.map((s, i) => {
            const roles = grantsOn(s.grants, folderFacts, projectFacts);
            return compileSubject({
              userId: people[i]!.id,
              status: s.status,
              kind: 'full',
              emailConfirmed: true,
              verifiedAt: null,
              roles,
              groupIds: s.groups.map((g) => groupIds[g]!),
              memberProjectIds: people[i]!.memberOf,
            });
          }),
        ];

        const listingByKey = new Map<string, string[]>();
        for (const [index, subject] of subjects.entries()) {
          const scope = subjectScope(platform.id, subject);
          const ids = async (
            table:
              typeof projects | typeof folders | typeof inputs | typeof users | typeof userGroups,
            where: ReturnType<typeof projectReadableBy>,
          ) => (await db.select({ id: table.id }).from(table).where(where)).map((r) => r.id).sort();
          const allowed = <T extends { id: string }>(rows: T[], ok: (row: T) => boolean) =>
            rows
              .filter(ok)
              .map((r) => r.id)
              .sort();

          expect(await ids(projects, projectReadableBy(scope))).toEqual(
            allowed(
              projectFacts,
              (project) => decide(subject, 'project.read', { type: 'project', project }).allowed,
            ),
          );
          expect(await ids(projects, projectListableBy(scope))).toEqual(
            allowed(
              projectFacts,
              (project) => decide(subject, 'project.list', { type: 'project', project }).allowed,
            ),
          );
          expect(
            await ids(projects, projectListableBy(scope, projects, { searching: true })),
          ).toEqual(
            allowed(
              projectFacts,
              (project) =>
                decide(subject, 'project.list', { type: 'project', project }, { searching: true })
                  .allowed,
            ),
          );
          // A listing is shared by the scopes of one `projectVisibilityKey`: with the same key
          // and everything else another subject's, the same projects are read and listed.
          const other = subjectScope(platform.id, subjects[(index + 1) % subjects.length]!);
          const twin: SubjectScope = {
            ...other,
            isAdmin: scope.isAdmin,
            managedFolderIds: [...scope.managedFolderIds].reverse(),
            projectRoleIds: [...scope.projectRoleIds].reverse(),
            groupIds: [...scope.groupIds].reverse(),
          };
          expect(projectVisibilityKey(twin)).toBe(projectVisibilityKey(scope));
          // And two subjects of one key list the same (a key that leaves out what matters fails).
          const listed = await ids(projects, projectListableBy(scope));
          const key = projectVisibilityKey(scope);
          if (listingByKey.has(key)) expect(listed).toEqual(listingByKey.get(key));
          listingByKey.set(key, listed);
          for (const filter of [
            projectReadableBy,
            projectListableBy,
            (s: SubjectScope) => projectListableBy(s, projects, { searching: true }),
          ]) {
            expect(await ids(projects, filter(twin))).toEqual(await ids(projects, filter(scope)));
          }
          expect(await ids(inputs, inputReadableBy(scope))).toEqual(
            allowed(
              inputFacts,
              ({ input }) => decide(subject, 'input.read', { type: 'input', input }).allowed,
            ),
          );
          expect(await ids(users, userReadableBy(scope))).toEqual(
            allowed(
              userFacts,
              ({ user }) => decide(subject, 'user.read', { type: 'user', user }).allowed,
            ),
          );
          expect(await ids(users, userPersonalDataReadableBy(scope))).toEqual(
            allowed(
              userFacts,
              ({ user }) =>
                decide(subject, 'user.readPersonalData', { type: 'user', user }).allowed,
            ),
          );
          expect(await ids(userGroups, groupReadableBy(scope))).toEqual(
            decide(subject, 'group.read', { type: 'platform' }).allowed ? [...groupIds].sort() : [],
          );
          expect(await ids(folders, folderReadableBy(scope))).toEqual(
            allowed(
              folderFacts,
              (folder) => decide(subject, 'folder.read', { type: 'folder', folder }).allowed,
            ),
          );
          expect(await ids(folders, folderPathReadableBy(scope))).toEqual(
            allowed(
              folderFacts,
              (folder) => decide(subject, 'folder.readPath', { type: 'folder', folder }).allowed,
            ),
          );
        }
      }),
      { numRuns: kind === 'pglite' ? 25 : 40 },
    );
  });
});
