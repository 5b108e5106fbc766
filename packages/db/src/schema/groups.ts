import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, platformId, updatedAt } from './columns.js';
import { builtInGroup, groupKind } from './enums.js';
import { users } from './users.js';

/** Smart-group rules as the API takes them (API.md); evaluated in SQL by the access model. */
export interface SmartGroupRules {
  match: 'all' | 'any';
  rules: { field: string; op: string; value?: unknown }[];
}

/**
 * User groups (SPEC 5): manual, smart (rules) or composite (users plus manual groups).
 * Built-in groups (everyone registered, staff) are marked and cannot be edited or deleted.
 */
export const userGroups = pgTable(
  'user_groups',
  {
    id: id(),
    platformId: platformId(),
    name: text().notNull(),
    description: text(),
    kind: groupKind().notNull(),
    builtIn: builtInGroup(),
    rules: jsonb().$type<SmartGroupRules>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('user_groups_platform_name_unique').on(t.platformId, t.name),
    // Targets of the composite keys below, which pin the kind of the groups they reference.
    unique('user_groups_id_kind_unique').on(t.id, t.kind),
    uniqueIndex('user_groups_one_built_in_idx')
      .on(t.platformId, t.builtIn)
      .where(sql`${t.builtIn} is not null`),
    check(
      'user_groups_rules_only_for_smart',
      sql`(${t.kind} = 'smart') = (${t.rules} is not null)`,
    ),
    check('user_groups_name_not_blank', sql`length(trim(${t.name})) > 0`),
  ],
);

/**
 * Users added by hand to a manual or composite group. `group_kind` with the composite foreign
 * key makes it impossible, in the database itself, to add users to a smart group.
 */
export const groupMemberships = pgTable(
  'group_memberships',
  {
    platformId: platformId(),
    groupId: uuid().notNull(),
    groupKind: groupKind().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    foreignKey({
      name: 'group_memberships_group_fk',
      columns: [t.groupId, t.groupKind],
      foreignColumns: [userGroups.id, userGroups.kind],
    }).onDelete('cascade'),
    index('group_memberships_user_idx').on(t.userId),
    check('group_memberships_hand_made_groups', sql`${t.groupKind} in ('manual', 'composite')`),
  ],
);

/** Manual groups inside a composite group; smart or composite members are refused [002]. */
export const compositeGroupMembers = pgTable(
  'composite_group_members',
  {
    platformId: platformId(),
    compositeGroupId: uuid().notNull(),
    compositeKind: groupKind().notNull().default('composite'),
    memberGroupId: uuid().notNull(),
    memberKind: groupKind().notNull().default('manual'),
  },
  (t) => [
    primaryKey({ columns: [t.compositeGroupId, t.memberGroupId] }),
    foreignKey({
      name: 'composite_group_members_composite_fk',
      columns: [t.compositeGroupId, t.compositeKind],
      foreignColumns: [userGroups.id, userGroups.kind],
    }).onDelete('cascade'),
    foreignKey({
      name: 'composite_group_members_member_fk',
      columns: [t.memberGroupId, t.memberKind],
      foreignColumns: [userGroups.id, userGroups.kind],
    }).onDelete('cascade'),
    index('composite_group_members_member_idx').on(t.memberGroupId),
    check(
      'composite_group_members_kinds',
      sql`${t.compositeKind} = 'composite' and ${t.memberKind} = 'manual'`,
    ),
  ],
);
