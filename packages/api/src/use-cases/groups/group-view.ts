import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { BuiltInGroup, GroupKind, SmartGroupRules } from '@samrad/core';
import {
  compositeGroupMembers,
  groupMembersWhere,
  userGroups,
  users,
  type Database,
} from '@samrad/db';
import { grantedGroupColumns, type GrantedGroup } from '../../access/group-guard.js';
import { notFound } from '../../errors.js';

/** A user group as `groups.list` and `groups.get` show it (SPEC 5). */
export interface GroupView {
  id: string;
  name: string;
  description: string | null;
  kind: GroupKind;
  /** Set on the groups every platform has, which nobody edits or deletes. */
  builtIn: BuiltInGroup | null;
  /** Smart groups: who matches these is a member. */
  rules: SmartGroupRules | null;
  /** Composite groups: the manual groups inside it. */
  groupIds: string[];
  /** Members now: active users only (pending and blocked users belong to no group, SPEC 2.4). */
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

/*
 * The manual groups of a composite, in the same query. A nested `sql` keeps its columns
 * qualified ("user_groups"."id"): drizzle writes bare names for top-level columns of a
 * one-table select, which inside this subquery would be read as its own table's.
 */
const memberGroupIds = sql`select coalesce(array_agg(${compositeGroupMembers.memberGroupId} order by ${compositeGroupMembers.memberGroupId}), '{}')
  from ${compositeGroupMembers} where ${compositeGroupMembers.compositeGroupId} = ${userGroups.id}`;

/** Columns selected explicitly. */
export const groupRowColumns = {
  ...grantedGroupColumns,
  groupIds: sql<string[]>`(${memberGroupIds})`,
  createdAt: userGroups.createdAt,
  updatedAt: userGroups.updatedAt,
};

type GroupRow = GrantedGroup & { groupIds: string[]; createdAt: Date; updatedAt: Date };

/**
 * The rows with their member counts, computed in ONE query whatever the number and kinds of the
 * groups: one pass over the platform's active users, each group counting those its membership
 * condition selects (for smart groups, the SQL twin of the rules; for composite groups, users
 * listed in it or in one of its manual groups).
 */
export async function withMemberCounts(
  db: Database,
  platformId: string,
  rows: GroupRow[],
): Promise<GroupView[]> {
  if (rows.length === 0) return [];
  const counts: Record<string, SQL<number>> = Object.fromEntries(
    rows.map((row, i) => [
      `g${i}`,
      sql<number>`(count(*) filter (where ${groupMembersWhere({ ...row, platformId })}))::int`.mapWith(
        Number,
      ),
    ]),
  );
  const [counted] = await db
    .select(counts)
    .from(users)
    .where(and(eq(users.platformId, platformId), eq(users.status, 'active')));
  return rows.map((row, i) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    builtIn: row.builtIn,
    rules: row.kind === 'smart' ? (row.rules as SmartGroupRules) : null,
    groupIds: row.groupIds,
    memberCount: counted?.[`g${i}`] ?? 0,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/** One group of the platform with its member count (two queries). */
export async function getGroupView(
  db: Database,
  platformId: string,
  id: string,
): Promise<GroupView> {
  const rows = await db
    .select(groupRowColumns)
    .from(userGroups)
    .where(and(eq(userGroups.platformId, platformId), eq(userGroups.id, id)));
  const [view] = await withMemberCounts(db, platformId, rows);
  if (!view) throw notFound('Group');
  return view;
}
