import { and, eq } from 'drizzle-orm';
import { decide, type ActionOn, type BuiltInGroup, type GroupKind } from '@samrad/core';
import { userGroups, type Database } from '@samrad/db';
import { notFound } from '../errors.js';
import { enforce } from './guard.js';
import type { Guard } from './guards.js';

/** A group of this platform as the guard found it (rules: smart groups only). */
export interface GrantedGroup {
  id: string;
  name: string;
  description: string | null;
  kind: GroupKind;
  builtIn: BuiltInGroup | null;
  rules: unknown;
}

export const grantedGroupColumns = {
  id: userGroups.id,
  name: userGroups.name,
  description: userGroups.description,
  kind: userGroups.kind,
  builtIn: userGroups.builtIn,
  rules: userGroups.rules,
};

/**
 * An action on one user group found by id (SPEC 5): `group.read` (admins and managers, who pick
 * groups for what they manage) or `group.change` (admins; built-in groups never).
 *
 * Whoever may not see the platform's groups at all is refused first, before the id is looked up,
 * so their answer is the same whether the group exists or not; then a group missing from this
 * platform is `NOT_FOUND`; then `group.change` is decided on the group itself.
 */
export function onGroup<TInput>(
  action: 'group.read' | ActionOn<'group'>,
  groupIdOf: (input: TInput) => string,
): Guard<TInput, { group: GrantedGroup }> {
  return {
    access: action,
    async check(ctx, input) {
      const subject = await ctx.subject();
      enforce(decide(subject, 'group.read', { type: 'platform' }));
      const group = await loadGroup(ctx.db, ctx.platform.id, groupIdOf(input));
      if (!group) throw notFound('Group');
      if (action === 'group.change') {
        enforce(
          decide(subject, action, { type: 'group', group: { builtIn: group.builtIn !== null } }),
        );
      }
      return { group };
    },
  };
}

/**
 * The group `id` of the platform, or null. In a transaction, `lock` takes its row for update:
 * changes to one group are serialised, and one deleted meanwhile is found missing.
 */
export async function loadGroup(
  db: Database,
  platformId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<GrantedGroup | null> {
  const query = db
    .select(grantedGroupColumns)
    .from(userGroups)
    .where(and(eq(userGroups.platformId, platformId), eq(userGroups.id, id)));
  const [row] = await (options.lock ? query.for('update') : query);
  return row ?? null;
}
