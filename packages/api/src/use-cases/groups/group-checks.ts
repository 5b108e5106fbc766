import { and, eq, inArray, ne } from 'drizzle-orm';
import {
  validateSmartGroupRules,
  type SmartGroupQuestion,
  type SmartGroupRuleProblem,
  type SmartGroupRules,
} from '@samrad/core';
import {
  areas,
  projects,
  registrationQuestions,
  userGroups,
  users,
  type Database,
} from '@samrad/db';
import { AppError } from '../../errors.js';

/*
 * What creating and changing groups checks against stored rows, inside the change's transaction.
 * Field names lead the messages (API.md): `rules.rules.2: …`, `memberIds: …`, `groupIds: …`.
 */

/** Ids once each, lower-case as PostgreSQL writes uuids, so they compare with stored ones. */
export function distinctIds(ids: readonly string[] | undefined): string[] {
  return [...new Set((ids ?? []).map((id) => id.toLowerCase()))];
}

/** A group name is unique on the platform (user_groups_platform_name_unique): CONFLICT. */
export async function requireFreeName(
  tx: Database,
  platformId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const [taken] = await tx
    .select({ id: userGroups.id })
    .from(userGroups)
    .where(
      and(
        eq(userGroups.platformId, platformId),
        eq(userGroups.name, name),
        exceptId ? ne(userGroups.id, exceptId) : undefined,
      ),
    );
  if (taken) throw new AppError('CONFLICT', `name: a group named '${name}' already exists`);
}

/**
 * Smart-group rules must make sense on this platform (API.md: an unfit field/operator pair is
 * BAD_REQUEST): core's `validateSmartGroupRules` against the platform's registration questions
 * (an area question's options are the platform's areas), then the projects `participatedIn`
 * names must be projects of this platform.
 */
export async function requireValidRules(
  tx: Database,
  platformId: string,
  rules: SmartGroupRules,
): Promise<void> {
  const keys = rules.rules.flatMap((rule) =>
    rule.field.startsWith('answer:') ? [rule.field.slice('answer:'.length)] : [],
  );
  const stored = keys.length
    ? await tx
        .select({
          key: registrationQuestions.key,
          type: registrationQuestions.type,
          options: registrationQuestions.options,
        })
        .from(registrationQuestions)
        .where(
          and(
            eq(registrationQuestions.platformId, platformId),
            inArray(registrationQuestions.key, keys),
          ),
        )
    : [];
  const areaIds = stored.some((question) => question.type === 'area')
    ? (await tx.select({ id: areas.id }).from(areas).where(eq(areas.platformId, platformId))).map(
        (area) => area.id,
      )
    : [];
  const questions: SmartGroupQuestion[] = stored.map((question) =>
    question.type === 'area' ? { ...question, options: areaIds } : question,
  );
  refuseProblems(validateSmartGroupRules(rules, questions));

  const named = rules.rules.flatMap((rule, index) =>
    rule.field !== 'participatedIn' || rule.value === undefined
      ? []
      : [rule.value]
          .flat()
          .map((projectId) => ({ index, projectId: String(projectId).toLowerCase() })),
  );
  if (named.length === 0) return;
  const found = new Set(
    (
      await tx
        .select({ id: projects.id })
        .from(projects)
        .where(
          and(
            eq(projects.platformId, platformId),
            inArray(projects.id, [...new Set(named.map((item) => item.projectId))]),
          ),
        )
    ).map((project) => project.id),
  );
  refuseProblems(
    named
      .filter((item) => !found.has(item.projectId))
      .map((item) => ({
        index: item.index,
        field: 'participatedIn',
        message: `no project '${item.projectId}' on this platform`,
      })),
  );
}

function refuseProblems(problems: SmartGroupRuleProblem[]): void {
  if (problems.length === 0) return;
  throw new AppError(
    'BAD_REQUEST',
    problems.map((problem) => `rules.rules.${problem.index}: ${problem.message}`).join('; '),
  );
}

/** Every id is a user of this platform (any status), else BAD_REQUEST naming the field. */
export async function requireUsers(
  tx: Database,
  platformId: string,
  ids: string[],
  field: 'memberIds' | 'userIds',
): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set(
    (
      await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.platformId, platformId), inArray(users.id, ids)))
    ).map((user) => user.id),
  );
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    throw new AppError('BAD_REQUEST', `${field}: no user ${missing.join(', ')} on this platform`);
  }
}

/**
 * The groups to put in a composite group: groups of this platform (else BAD_REQUEST), and manual
 * ones only — a smart or composite group inside a composite group breaks SPEC 5's invariant
 * [002], so CONFLICT. They are locked against deletion until the change commits.
 */
export async function requireManualGroups(
  tx: Database,
  platformId: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: userGroups.id, name: userGroups.name, kind: userGroups.kind })
    .from(userGroups)
    .where(and(eq(userGroups.platformId, platformId), inArray(userGroups.id, ids)))
    .for('key share');
  const missing = ids.filter((id) => !found.some((group) => group.id === id));
  if (missing.length) {
    throw new AppError('BAD_REQUEST', `groupIds: no group ${missing.join(', ')} on this platform`);
  }
  const unfit = found.find((group) => group.kind !== 'manual');
  if (unfit) {
    throw new AppError(
      'CONFLICT',
      `groupIds: a composite group contains manual groups only; '${unfit.name}' is a ${unfit.kind} group`,
    );
  }
}
