import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { checkRegistrationAnswers, type StartVerificationInput } from '@samrad/core';
import {
  registrationAnswers,
  registrationQuestions,
  users,
  verificationFlows,
  type Database,
} from '@samrad/db';
import type { ServerKeys } from '../../auth/keys.js';
import { oidc, providerConfiguration, type VerificationSettings } from '../../auth/openid.js';
import type { Context, Platform, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { isUniqueViolation } from '../users/registration-answers.js';

/** Where the provider sends the browser back (served by the server, not by tRPC). */
export const verificationCallbackPath = '/auth/verification/callback';
const flowLifetimeMs = 10 * 60_000;

async function configurationOf(settings: VerificationSettings) {
  try {
    return await providerConfiguration(settings);
  } catch {
    throw new AppError('BAD_GATEWAY', 'The verification provider does not answer; try again later');
  }
}

/**
 * SPEC 4.2 *verified*: sends the caller to the platform's OpenID Connect provider (authorization
 * code with PKCE, state and nonce, kept server-side for ten minutes and used once).
 */
export async function startVerification(
  ctx: Context & { user: SessionUser },
  input: StartVerificationInput,
): Promise<{ url: string }> {
  const settings = ctx.platform.verification;
  if (!settings) throw new AppError('CONFLICT', 'This platform has no verification method');
  if (!ctx.origin) throw new AppError('BAD_REQUEST', 'verification runs in a browser, over HTTP');
  const returnTo = input?.returnTo ?? null;
  if (returnTo !== null && !returnsHome(returnTo, ctx.origin, ctx.platform)) {
    throw new AppError(
      'BAD_REQUEST',
      'returnTo: a page of this server or of an origin the platform embeds the widgets on',
    );
  }
  const configuration = await configurationOf(settings);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  await ctx.db.insert(verificationFlows).values({
    state,
    platformId: ctx.platform.id,
    userId: ctx.user.id,
    codeVerifier,
    nonce,
    returnTo,
    expiresAt: new Date(Date.now() + flowLifetimeMs),
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: `${ctx.origin}${verificationCallbackPath}`,
    // The attributes it vouches for are profile claims (birthdate…), asked for only when used.
    scope: Object.keys(settings.attributes ?? {}).length > 0 ? 'openid profile' : 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href };
}

function returnsHome(returnTo: string, origin: string, platform: Platform): boolean {
  try {
    const target = new URL(returnTo).origin;
    return target === origin || platform.embedOrigins.includes(target);
  } catch {
    return false;
  }
}

export type VerificationOutcome = 'verified' | 'failed' | 'taken';

/**
 * The provider's redirect back, as the browser brought it (`currentUrl`): exchanges the code for
 * the ID token, then stores, with the time, a keyed hash of the identity it proves — one real
 * person verifies one account (`taken` otherwise) — and the attributes the provider vouches for,
 * as read-only answers (SPEC 4.4).
 */
export async function finishVerification(input: {
  db: Database;
  keys: ServerKeys;
  platform: Platform;
  currentUrl: URL;
}): Promise<{ outcome: VerificationOutcome; returnTo: string | null }> {
  const { db, platform } = input;
  const state = input.currentUrl.searchParams.get('state') ?? '';
  const [flow] = await db
    .delete(verificationFlows)
    .where(
      and(
        eq(verificationFlows.state, state),
        eq(verificationFlows.platformId, platform.id),
        gt(verificationFlows.expiresAt, new Date()),
      ),
    )
    .returning();
  if (!flow) return { outcome: 'failed', returnTo: null };
  const settings = platform.verification;
  if (!settings) return { outcome: 'failed', returnTo: flow.returnTo };
  let claims: oidc.IDToken;
  try {
    const tokens = await oidc.authorizationCodeGrant(
      await providerConfiguration(settings),
      input.currentUrl,
      { pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce },
    );
    const idToken = tokens.claims();
    if (!idToken) return { outcome: 'failed', returnTo: flow.returnTo };
    claims = idToken;
  } catch {
    // Refused at the provider, a replayed or forged answer: nothing is stored.
    return { outcome: 'failed', returnTo: flow.returnTo };
  }
  const vouched: Record<string, string> = {};
  for (const [key, claim] of Object.entries(settings.attributes ?? {})) {
    const value = claims[claim];
    if (typeof value === 'string' || typeof value === 'number') vouched[key] = String(value);
  }
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({
          verifiedAt: new Date(),
          verificationIdentityHash: input.keys.keyedHash(
            'verified-identity',
            settings.issuer,
            claims.sub,
          ),
          verifiedAttributes: vouched,
        })
        .where(and(eq(users.id, flow.userId), eq(users.platformId, platform.id)));
      await writeVouchedAnswers(tx, platform.id, flow.userId, vouched);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_platform_verification_identity_unique')) {
      return { outcome: 'taken', returnTo: flow.returnTo };
    }
    throw error;
  }
  return { outcome: 'verified', returnTo: flow.returnTo };
}

/** The provider's attributes as answers to their questions, where they fit the question's type. */
async function writeVouchedAnswers(
  tx: Database,
  platformId: string,
  userId: string,
  vouched: Record<string, string>,
): Promise<void> {
  const keys = Object.keys(vouched);
  if (keys.length === 0) return;
  // An area is one of the platform's own: no provider's attribute names one.
  const questions = (
    await tx
      .select()
      .from(registrationQuestions)
      .where(
        and(
          eq(registrationQuestions.platformId, platformId),
          inArray(registrationQuestions.key, keys),
        ),
      )
  ).filter((q) => q.type !== 'area');
  const typed = Object.fromEntries(
    questions.map((q) => {
      const raw = vouched[q.key]!;
      const value =
        q.type === 'number'
          ? Number(raw)
          : q.type === 'checkbox'
            ? raw === 'true'
            : q.type === 'date'
              ? raw.slice(0, 10)
              : raw;
      return [q.key, value];
    }),
  );
  const { values } = checkRegistrationAnswers(
    questions.map((q) => ({ ...q, required: false })),
    typed,
    new Set(),
  );
  const rows = questions
    .filter((q) => values.get(q.key) != null)
    .map((q) => ({
      platformId,
      userId,
      questionId: q.id,
      value: values.get(q.key)!,
      source: 'verification' as const,
    }));
  if (rows.length === 0) return;
  await tx
    .insert(registrationAnswers)
    .values(rows)
    .onConflictDoUpdate({
      target: [registrationAnswers.userId, registrationAnswers.questionId],
      set: { value: sql`excluded.value`, source: sql`excluded.source` },
    });
}
