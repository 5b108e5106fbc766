import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CastVoteInput } from '@samrad/core';
import { inputs, voteChoices, votes } from '@samrad/db';
import type { PhaseParticipation, StoredSetting } from '../../access/participation-guard.js';
import type { Context } from '../../context.js';
import { AppError, unauthorized } from '../../errors.js';
import { contributionFields, countParticipation } from '../inputs/contribution.js';

export interface Choice {
  inputId: string;
  amount: number;
}

/** The ballot as the phase's voting method wants it, or BAD_REQUEST naming the field. */
function ballotOf(phase: PhaseParticipation['phase'], input: CastVoteInput): Choice[] {
  const method = phase.votingMethod;
  if (method === null) throw new AppError('BAD_REQUEST', 'phaseId: not a voting phase');
  if (method === 'budget') {
    if (!input.allocations) {
      throw new AppError('BAD_REQUEST', 'allocations: a budget is allocated, not chosen');
    }
    const total = input.allocations.reduce((sum, a) => sum + a.amount, 0);
    if (phase.votingBudget !== null && total > phase.votingBudget) {
      throw new AppError(
        'BAD_REQUEST',
        `allocations: ${total} is over the budget of ${phase.votingBudget}`,
      );
    }
    return input.allocations;
  }
  if (!input.inputIds) throw new AppError('BAD_REQUEST', 'inputIds: choose the inputs to vote for');
  if (method === 'single' && input.inputIds.length !== 1) {
    throw new AppError('BAD_REQUEST', 'inputIds: one choice in a single-choice vote');
  }
  if (
    method === 'multiple' &&
    phase.votingMaxChoices !== null &&
    input.inputIds.length > phase.votingMaxChoices
  ) {
    throw new AppError('BAD_REQUEST', `inputIds: at most ${phase.votingMaxChoices} choices`);
  }
  return input.inputIds.map((inputId) => ({ inputId, amount: 1 }));
}

/**
 * SPEC 4.1 *vote*, decided by the guard (`toParticipate('vote')`): a ballot for inputs of the
 * project that are not hidden. Under personal data collection it replaces the voter's earlier
 * ballot until the phase ends (one row per voter, locked while its choices are replaced, so
 * parallel ballots never mix); otherwise a ballot is cast once — the marker, not the ballot,
 * knows who voted (SPEC 4.4).
 */
export async function castVote(
  ctx: Context,
  input: CastVoteInput,
  granted: { participation: PhaseParticipation; setting: StoredSetting },
): Promise<{ choices: Choice[] }> {
  const user = ctx.viewer.user;
  if (!user) throw unauthorized();
  const { phase } = granted.participation;
  const choices = ballotOf(phase, input);
  const field = input.allocations ? 'allocations' : 'inputIds';
  const found = await ctx.db
    .select({ id: inputs.id })
    .from(inputs)
    .where(
      and(
        inArray(
          inputs.id,
          choices.map((c) => c.inputId),
        ),
        eq(inputs.projectId, phase.projectId),
        eq(inputs.moderation, 'visible'),
      ),
    );
  if (found.length !== choices.length) {
    throw new AppError('BAD_REQUEST', `${field}: not inputs of this project open to votes`);
  }
  const fields = await contributionFields(ctx.db, user, granted.setting);
  await ctx.db.transaction(async (tx) => {
    let voteId: string;
    if (fields.authorId) {
      const [ballot] = await tx
        .insert(votes)
        .values({ platformId: ctx.platform.id, phaseId: phase.id, ...fields })
        .onConflictDoUpdate({
          target: [votes.phaseId, votes.authorId],
          targetWhere: sql`${votes.authorId} is not null`,
          set: { updatedAt: fields.updatedAt },
        })
        // xmax is 0 for a row this statement inserted: a first ballot is counted, a new one not.
        .returning({ id: votes.id, first: sql<boolean>`(xmax = 0)` });
      if (ballot!.first) await countParticipation(tx, ctx, granted, 'vote');
      await tx.delete(voteChoices).where(eq(voteChoices.voteId, ballot!.id));
      voteId = ballot!.id;
    } else {
      await countParticipation(tx, ctx, granted, 'vote', { once: true });
      const [ballot] = await tx
        .insert(votes)
        .values({ platformId: ctx.platform.id, phaseId: phase.id, ...fields })
        .returning({ id: votes.id });
      voteId = ballot!.id;
    }
    await tx
      .insert(voteChoices)
      .values(choices.map((c) => ({ platformId: ctx.platform.id, voteId, ...c })));
  });
  return { choices };
}
