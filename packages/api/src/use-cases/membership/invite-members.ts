import { and, eq, inArray, sql } from 'drizzle-orm';
import type { InviteMembersInput, ProjectFacts } from '@samrad/core';
import { invitations, projectMembers, projects, users } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import { hashToken, newToken } from '../../auth/tokens.js';
import type { Context, SessionUser } from '../../context.js';
import { queueEmail } from '../../email/outbox.js';
import { forbidden, notFound } from '../../errors.js';
import { invitationEmail } from './emails.js';

const invitationLifetimeMs = 14 * 24 * 60 * 60 * 1000;

/**
 * SPEC 3.5: a manager (the guard decided `project.manageMembers`) invites people by e-mail,
 * registered or not. Each gets an invitation with a fresh secret (only its hash is stored) and
 * an e-mail with its link, in one transaction with the audit entry; a pending invitation to the
 * same address is renewed — new secret, new expiry, the old link dead — rather than doubled.
 * Members are skipped and reported, which tells managers nothing they could not see; whether an
 * address has an account is never told, so both kinds are answered alike.
 */
export async function inviteMembers(
  ctx: Context & { user: SessionUser },
  input: InviteMembersInput,
  project: ProjectFacts,
): Promise<{ invited: string[]; alreadyMembers: string[] }> {
  if (!project.membersOnly) {
    throw forbidden(
      'the project is open to everyone who can see it: make it members only to invite members',
      'not_members_only',
    );
  }
  const expiresAt = new Date(Date.now() + invitationLifetimeMs);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ title: projects.title })
      .from(projects)
      .where(eq(projects.id, project.id));
    if (!current) throw notFound('Project');
    const accounts = await tx
      .select({
        id: users.id,
        email: users.email,
        locale: users.locale,
        member: sql<boolean>`exists (select 1 from ${projectMembers}
          where ${projectMembers.projectId} = ${project.id} and ${projectMembers.userId} = ${users.id})`,
      })
      .from(users)
      .where(and(eq(users.platformId, ctx.platform.id), inArray(users.email, input.emails)));
    const byEmail = new Map(accounts.map((account) => [account.email, account]));
    const alreadyMembers = input.emails.filter((email) => byEmail.get(email)?.member);
    const invited = input.emails.filter((email) => !byEmail.get(email)?.member);
    if (invited.length === 0) return { invited, alreadyMembers };

    const sent = invited.map((email) => ({
      email,
      token: newToken(),
      account: byEmail.get(email),
    }));
    await tx
      .insert(invitations)
      .values(
        sent.map(({ email, token, account }) => ({
          platformId: ctx.platform.id,
          projectId: project.id,
          email,
          userId: account?.id ?? null,
          tokenHash: hashToken(token),
          invitedBy: ctx.user.id,
          expiresAt,
        })),
      )
      .onConflictDoUpdate({
        target: [invitations.projectId, invitations.email],
        targetWhere: sql`${invitations.status} = 'pending'`,
        set: {
          tokenHash: sql`excluded.token_hash`,
          userId: sql`excluded.user_id`,
          invitedBy: sql`excluded.invited_by`,
          expiresAt: sql`excluded.expires_at`,
        },
      });
    await queueEmail(
      tx,
      sent.map(({ email, token, account }) =>
        invitationEmail({
          platform: ctx.platform,
          to: email,
          locale: account?.locale ?? null,
          title: current.title,
          inviter: ctx.user.name,
          message: input.message,
          token,
          expiresAt,
        }),
      ),
    );
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'membership.invite',
      targetType: 'project',
      targetId: project.id,
      projectId: project.id,
      before: null,
      after: { invited, expiresAt: expiresAt.toISOString() },
    });
    return { invited, alreadyMembers };
  });
}
