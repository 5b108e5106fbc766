import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Connection } from '../connect.js';
import {
  createTestDatabase,
  insertFolder,
  insertPhase,
  insertPlatform,
  insertProject,
  insertUser,
  testDatabaseKinds,
} from '../testing/index.js';
import {
  compositeGroupMembers,
  folders,
  groupMemberships,
  inputs,
  participationSettings,
  projects,
  projectVisibilityGroups,
  roleAssignments,
  userGroups,
  users,
} from './index.js';

/** The database itself refuses what would break SPEC's invariants, whatever the code does. */
async function expectViolation(write: Promise<unknown>, constraint: string) {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${constraint} to refuse the write`).not.toBeNull();
  const text = [error, (error as { cause?: unknown }).cause]
    .map((e) => String((e as Error)?.message))
    .join(' ');
  expect(text).toContain(constraint);
}

const startOfDay = () => new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');

describe.each(testDatabaseKinds())('schema constraints on %s', (kind) => {
  let connection: Connection;
  let platformId: string;
  let otherPlatformId: string;

  beforeAll(async () => {
    connection = await createTestDatabase(kind);
    platformId = (await insertPlatform(connection.db)).id;
    otherPlatformId = (await insertPlatform(connection.db)).id;
  });
  afterAll(() => connection?.close());

  describe('roles (SPEC 2)', () => {
    it('allows one role per user per scope, platform scope included', async () => {
      const { db } = connection;
      const user = await insertUser(db, platformId);
      const project = await insertProject(db, platformId);
      await db
        .insert(roleAssignments)
        .values({ platformId, userId: user.id, role: 'admin', scopeType: 'platform' });
      await expectViolation(
        db
          .insert(roleAssignments)
          .values({ platformId, userId: user.id, role: 'admin', scopeType: 'platform' }),
        'role_assignments_one_per_scope',
      );
      await db.insert(roleAssignments).values({
        platformId,
        userId: user.id,
        role: 'project_manager',
        scopeType: 'project',
        projectId: project.id,
      });
      await expectViolation(
        db.insert(roleAssignments).values({
          platformId,
          userId: user.id,
          role: 'project_moderator',
          scopeType: 'project',
          projectId: project.id,
        }),
        'role_assignments_one_per_scope',
      );
    });

    it('holds each role on its kind of scope only', async () => {
      const { db } = connection;
      const user = await insertUser(db, platformId);
      const folder = await insertFolder(db, platformId);
      const project = await insertProject(db, platformId);
      await expectViolation(
        db.insert(roleAssignments).values({
          platformId,
          userId: user.id,
          role: 'admin',
          scopeType: 'folder',
          folderId: folder.id,
        }),
        'role_assignments_role_fits_scope',
      );
      await expectViolation(
        db
          .insert(roleAssignments)
          .values({ platformId, userId: user.id, role: 'project_manager', scopeType: 'platform' }),
        'role_assignments_role_fits_scope',
      );
      await expectViolation(
        db.insert(roleAssignments).values({
          platformId,
          userId: user.id,
          role: 'folder_manager',
          scopeType: 'folder',
          projectId: project.id,
        }),
        'role_assignments_scope_columns',
      );
    });

    it('never grants a role on another platform’s project or to another platform’s user', async () => {
      const { db } = connection;
      const user = await insertUser(db, platformId);
      const foreignProject = await insertProject(db, otherPlatformId);
      const foreignUser = await insertUser(db, otherPlatformId);
      await expectViolation(
        db.insert(roleAssignments).values({
          platformId,
          userId: user.id,
          role: 'project_manager',
          scopeType: 'project',
          projectId: foreignProject.id,
        }),
        'role_assignments_project_same_platform_fk',
      );
      await expectViolation(
        db
          .insert(roleAssignments)
          .values({ platformId, userId: foreignUser.id, role: 'admin', scopeType: 'platform' }),
        'role_assignments_user_same_platform_fk',
      );
    });
  });

  describe('folders and projects (SPEC 1, 3)', () => {
    it('keeps the tree inside one platform and refuses a folder as its own parent', async () => {
      const { db } = connection;
      const foreignFolder = await insertFolder(db, otherPlatformId);
      await expectViolation(
        insertProject(db, platformId, { folderId: foreignFolder.id }),
        'projects_folder_same_platform_fk',
      );
      await expectViolation(
        insertFolder(db, platformId, { parentId: foreignFolder.id }),
        'folders_parent_same_platform_fk',
      );
      const folder = await insertFolder(db, platformId);
      await expectViolation(
        db.update(folders).set({ parentId: folder.id }).where(eq(folders.id, folder.id)),
        // The path trigger refuses it before the row's own check does.
        'cannot be moved under itself',
      );
    });

    it('keeps folder paths from the tree itself, through moves, and refuses a folder under itself', async () => {
      const { db } = connection;
      const a = await insertFolder(db, platformId);
      const b = await insertFolder(db, platformId, { parentId: a.id });
      const c = await insertFolder(db, platformId, { parentId: b.id });
      const x = await insertFolder(db, platformId);
      const project = await insertProject(db, platformId, { folderId: c.id });
      expect(project.folderPath).toEqual([a.id, b.id, c.id]);
      await db.update(folders).set({ parentId: x.id }).where(eq(folders.id, b.id));
      const [moved] = await db.select().from(projects).where(eq(projects.id, project.id));
      expect(moved?.folderPath).toEqual([x.id, b.id, c.id]);
      const [child] = await db.select().from(folders).where(eq(folders.id, c.id));
      expect(child?.path).toEqual([x.id, b.id]);
      await expectViolation(
        db.update(folders).set({ parentId: c.id }).where(eq(folders.id, x.id)),
        'cannot be moved under itself',
      );
      await db.update(projects).set({ folderId: null }).where(eq(projects.id, project.id));
      const [top] = await db.select().from(projects).where(eq(projects.id, project.id));
      expect(top?.folderPath).toEqual([]);
    });

    it('refuses to delete a folder that still holds a project', async () => {
      const { db } = connection;
      const folder = await insertFolder(db, platformId);
      await insertProject(db, platformId, { folderId: folder.id });
      await expectViolation(
        db.delete(folders).where(eq(folders.id, folder.id)),
        'projects_folder_same_platform_fk',
      );
    });

    it('needs a first publication date on anything published or archived', async () => {
      await expectViolation(
        insertProject(connection.db, platformId, { status: 'published', firstPublishedAt: null }),
        'projects_published_has_date',
      );
    });
  });

  describe('users (SPEC 2.4, 4.2)', () => {
    it('stores e-mail lower-case, unique per platform, and the same e-mail on another platform', async () => {
      const { db } = connection;
      await insertUser(db, platformId, { email: 'anna@city.test' });
      await expectViolation(
        insertUser(db, platformId, { email: 'anna@city.test' }),
        'users_platform_email_unique',
      );
      await expectViolation(
        insertUser(db, platformId, { email: 'Anna@city.test' }),
        'users_email_lower',
      );
      await expect(
        insertUser(db, otherPlatformId, { email: 'anna@city.test' }),
      ).resolves.toBeDefined();
    });

    it('gives light accounts no password and unique generated names', async () => {
      const { db } = connection;
      await expectViolation(
        insertUser(db, platformId, { kind: 'light', name: 'Brave Otter', passwordHash: 'x' }),
        'users_light_has_no_password',
      );
      await insertUser(db, platformId, { kind: 'light', name: 'Brave Otter' });
      await expectViolation(
        insertUser(db, platformId, { kind: 'light', name: 'Brave Otter' }),
        'users_platform_light_name_unique',
      );
    });
  });

  describe('groups (SPEC 5)', () => {
    it('lets a composite group contain manual groups only, and smart groups no hand-added users', async () => {
      const { db } = connection;
      const user = await insertUser(db, platformId);
      const [manual, smart, composite, otherComposite] = await db
        .insert(userGroups)
        .values([
          { platformId, name: 'Manual', kind: 'manual' },
          { platformId, name: 'Smart', kind: 'smart', rules: { match: 'all', rules: [] } },
          { platformId, name: 'Composite', kind: 'composite' },
          { platformId, name: 'Composite 2', kind: 'composite' },
        ])
        .returning();
      await db
        .insert(compositeGroupMembers)
        .values({ platformId, compositeGroupId: composite!.id, memberGroupId: manual!.id });
      await expectViolation(
        db
          .insert(compositeGroupMembers)
          .values({ platformId, compositeGroupId: composite!.id, memberGroupId: smart!.id }),
        'composite_group_members_member_fk',
      );
      await expectViolation(
        db.insert(compositeGroupMembers).values({
          platformId,
          compositeGroupId: composite!.id,
          memberGroupId: otherComposite!.id,
        }),
        'composite_group_members_member_fk',
      );
      await expectViolation(
        db
          .insert(groupMemberships)
          .values({ platformId, groupId: smart!.id, groupKind: 'smart', userId: user.id }),
        'group_memberships_hand_made_groups',
      );
      await expectViolation(
        db
          .insert(groupMemberships)
          .values({ platformId, groupId: smart!.id, groupKind: 'manual', userId: user.id }),
        'group_memberships_group_fk',
      );
      await expectViolation(
        db.insert(userGroups).values({
          platformId,
          name: 'Rules',
          kind: 'manual',
          rules: { match: 'all', rules: [] },
        }),
        'user_groups_rules_only_for_smart',
      );
    });

    it('refuses to delete a group still used by a project’s visibility', async () => {
      const { db } = connection;
      const project = await insertProject(db, platformId);
      const [group] = await db
        .insert(userGroups)
        .values({ platformId, name: 'Used', kind: 'manual' })
        .returning();
      await db
        .insert(projectVisibilityGroups)
        .values({ platformId, projectId: project.id, groupId: group!.id });
      await expectViolation(
        db.delete(userGroups).where(eq(userGroups.id, group!.id)),
        'project_visibility_groups_group_id_user_groups_id_fk',
      );
    });
  });

  describe('participation (SPEC 4)', () => {
    it('allows "no sign-in" for surveys only', async () => {
      const { db } = connection;
      const project = await insertProject(db, platformId);
      const phase = await insertPhase(db, platformId, project.id, { method: 'survey' });
      await db
        .insert(participationSettings)
        .values({ platformId, phaseId: phase.id, action: 'survey', permittedBy: 'everyone' });
      await expectViolation(
        db
          .insert(participationSettings)
          .values({ platformId, phaseId: phase.id, action: 'post', permittedBy: 'everyone' }),
        'participation_settings_no_sign_in_only_for_surveys',
      );
    });

    it('refuses a phase that ends before it starts and voting settings on other methods', async () => {
      const { db } = connection;
      const project = await insertProject(db, platformId);
      await expectViolation(
        insertPhase(db, platformId, project.id, {
          startAt: new Date(),
          endAt: new Date(Date.now() - 1000),
        }),
        'phases_end_after_start',
      );
      await expectViolation(
        insertPhase(db, platformId, project.id, { method: 'ideation', votingMethod: 'single' }),
        'phases_voting_settings',
      );
      await expectViolation(
        insertPhase(db, platformId, project.id, { method: 'voting', votingMethod: 'budget' }),
        'phases_voting_settings',
      );
    });

    it('stores anonymous and demographic-only contributions with nothing that leads to the person (SPEC 4.4)', async () => {
      const { db } = connection;
      const author = await insertUser(db, platformId);
      const project = await insertProject(db, platformId);
      const phase = await insertPhase(db, platformId, project.id);
      const base = {
        platformId,
        projectId: project.id,
        phaseId: phase.id,
        title: 'Idea',
        body: 'Body',
      };
      const day = startOfDay();
      await expectViolation(
        db.insert(inputs).values({
          ...base,
          dataCollection: 'anonymous',
          authorId: author.id,
          createdAt: day,
          updatedAt: day,
        }),
        'inputs_anonymity',
      );
      await expectViolation(
        db.insert(inputs).values({
          ...base,
          dataCollection: 'anonymous',
          demographics: { age_group: '18_34' },
          createdAt: day,
          updatedAt: day,
        }),
        'inputs_anonymity',
      );
      const now = new Date();
      await expectViolation(
        db.insert(inputs).values({
          ...base,
          dataCollection: 'demographics',
          demographics: {},
          createdAt: now,
          updatedAt: now,
        }),
        'inputs_anonymity',
      );
      await expect(
        db
          .insert(inputs)
          .values({ ...base, dataCollection: 'anonymous', createdAt: day, updatedAt: day }),
      ).resolves.toBeDefined();
      await expect(
        db.insert(inputs).values({
          ...base,
          dataCollection: 'all',
          authorId: author.id,
          createdAt: now,
          updatedAt: now,
        }),
      ).resolves.toBeDefined();
    });
  });

  it('deletes a user’s sessions and roles with the user', async () => {
    const { db } = connection;
    const user = await insertUser(db, platformId);
    await db
      .insert(roleAssignments)
      .values({ platformId, userId: user.id, role: 'admin', scopeType: 'platform' });
    await db.delete(users).where(eq(users.id, user.id));
    const left = await db.select().from(roleAssignments).where(eq(roleAssignments.userId, user.id));
    expect(left).toEqual([]);
  });
});
