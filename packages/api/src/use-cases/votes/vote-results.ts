import { desc, eq, sql } from 'drizzle-orm';
import { inputs, voteChoices, votes } from '@samrad/db';
import type { Context } from '../../context.js';

export interface VoteResults {
  ballots: number;
  items: { inputId: string; title: string; votes: number; amount: number }[];
}

/**
 * A voting phase's results for those who may see the project's insights: ballots, and per input
 * the votes and the amount allocated — counts only, never who voted (SPEC 2.3). One query.
 */
export async function voteResults(ctx: Context, phaseId: string): Promise<VoteResults> {
  const rows = await ctx.db
    .select({
      inputId: inputs.id,
      title: inputs.title,
      votes: sql<number>`count(${voteChoices.voteId})::int`,
      amount: sql<number>`coalesce(sum(${voteChoices.amount}), 0)::int`,
      ballots: sql<number>`(select count(*)::int from ${votes} where ${votes.phaseId} = ${phaseId})`,
    })
    .from(voteChoices)
    .innerJoin(votes, eq(votes.id, voteChoices.voteId))
    .innerJoin(inputs, eq(inputs.id, voteChoices.inputId))
    .where(eq(votes.phaseId, phaseId))
    .groupBy(inputs.id, inputs.title)
    .orderBy(desc(sql`count(${voteChoices.voteId})`), inputs.id);
  return {
    ballots: rows[0]?.ballots ?? 0,
    items: rows.map(({ ballots: _ballots, ...item }) => item),
  };
}
