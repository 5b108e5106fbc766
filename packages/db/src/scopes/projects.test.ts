import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  projectVisibilities,
  publicationStatuses,
  visitorMayListProject,
  visitorMayReadProject,
} from '@samrad/core';
import type { Connection } from '../connect.js';
import { projects } from '../schema/projects.js';
import {
  createTestDatabase,
  insertPlatform,
  insertProject,
  testDatabaseKinds,
} from '../testing/index.js';
import { projectsListableByVisitor, projectsReadableByVisitor } from './projects.js';

const projectFacts = fc.record({
  status: fc.constantFrom(...publicationStatuses),
  visibleTo: fc.constantFrom(...projectVisibilities),
  listed: fc.boolean(),
});

describe.each(testDatabaseKinds())('visitor project filters on %s', (kind) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestDatabase(kind);
  });
  afterAll(() => connection?.close());

  it('select exactly the rows the policy lets a visitor read and list, on its own platform only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(projectFacts, { maxLength: 12 }), async (world) => {
        const { db } = connection;
        const platform = await insertPlatform(db);
        const other = await insertPlatform(db);
        const rows = await Promise.all(world.map((facts) => insertProject(db, platform.id, facts)));
        // The same world on another platform must never leak into this one's listing.
        await Promise.all(world.map((facts) => insertProject(db, other.id, facts)));

        const ids = async (filter: ReturnType<typeof projectsReadableByVisitor>) =>
          (await db.select({ id: projects.id }).from(projects).where(filter))
            .map((row) => row.id)
            .sort();
        const expectedRead = rows
          .filter((row) => visitorMayReadProject(row).allowed)
          .map((row) => row.id)
          .sort();
        const expectedList = rows
          .filter((row) => visitorMayListProject(row).allowed)
          .map((row) => row.id)
          .sort();
        expect(await ids(projectsReadableByVisitor(platform.id))).toEqual(expectedRead);
        expect(await ids(projectsListableByVisitor(platform.id))).toEqual(expectedList);
      }),
      { numRuns: 15 },
    );
  });
});
