import { builtInGroups, builtInSmartGroupRules, type BuiltInGroup } from '@samrad/core';
import type { userGroups } from './schema/groups.js';

const names: Record<BuiltInGroup, string> = {
  everyone_registered: 'Everyone registered',
  staff: 'Staff',
};

/** The groups every platform has and nobody edits (SPEC 5), as rows to insert. */
export function builtInGroupRows(platformId: string): (typeof userGroups.$inferInsert)[] {
  return builtInGroups.map((builtIn) => ({
    platformId,
    name: names[builtIn],
    kind: 'smart' as const,
    builtIn,
    rules: builtInSmartGroupRules[builtIn],
  }));
}
