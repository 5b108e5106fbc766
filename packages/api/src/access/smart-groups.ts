import { planSmartGroupRules, SmartGroupRules } from '@samrad/core';
import { loadSmartGroups, type Database } from '@samrad/db';
import type { PlannedSmartGroup } from './load-subject.js';

/** Nobody: a stored rule set that no longer validates grants nothing (deny by default). */
const nobody = planSmartGroupRules({ match: 'any', rules: [] });

/** The platform's smart groups with their rules planned, for evaluation per request. */
export async function loadPlannedSmartGroups(
  db: Database,
  platformId: string,
): Promise<PlannedSmartGroup[]> {
  return (await loadSmartGroups(db, platformId)).map((group) => {
    const rules = SmartGroupRules.safeParse(group.rules);
    return { id: group.id, plan: rules.success ? planSmartGroupRules(rules.data) : nobody };
  });
}
