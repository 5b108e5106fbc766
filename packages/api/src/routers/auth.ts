import {
  ChangePasswordInput,
  ConfirmEmailChangeInput,
  ConfirmEmailInput,
  RequestCodeInput,
  RequestEmailChangeInput,
  RequestPasswordResetInput,
  ResetPasswordInput,
  SignInInput,
  SignUpInput,
  StartVerificationInput,
} from '@samrad/core';
import { open } from '../access/guards.js';
import { openActiveSession } from '../use-cases/auth/account-session.js';
import { confirmEmailChange, requestEmailChange } from '../use-cases/auth/change-email.js';
import { confirmEmail, requestCode } from '../use-cases/auth/email-code-sign-in.js';
import { getMe } from '../use-cases/auth/get-me.js';
import { changePassword, requestPasswordReset, resetPassword } from '../use-cases/auth/password.js';
import { signIn } from '../use-cases/auth/sign-in.js';
import { signOut } from '../use-cases/auth/sign-out.js';
import { signUp } from '../use-cases/auth/sign-up.js';
import { startVerification } from '../use-cases/auth/verification.js';
import { loadUserRow } from '../use-cases/auth/user-row.js';
import { forAnyone, forSignedIn, noInput, router } from '../trpc.js';

const provingWhoOneIs = open('signing in proves who one is');
const ownAccount = open('the caller’s own account');

/** API.md `auth.*` (SPEC 2.4, 4.2): accounts, sessions and e-mail codes. */
export const authRouter = router({
  signUp: forAnyone(SignUpInput, open('anyone may open an account')).mutation(({ ctx, input }) =>
    signUp(ctx, input),
  ),
  signIn: forAnyone(SignInInput, provingWhoOneIs).mutation(({ ctx, input }) => signIn(ctx, input)),
  signOut: forAnyone(noInput, open('ends the caller’s own session')).mutation(({ ctx }) =>
    signOut(ctx),
  ),
  requestCode: forAnyone(RequestCodeInput, provingWhoOneIs).mutation(({ ctx, input }) =>
    requestCode(ctx, input),
  ),
  confirmEmail: forAnyone(ConfirmEmailInput, provingWhoOneIs).mutation(({ ctx, input }) =>
    confirmEmail(ctx, input),
  ),
  requestPasswordReset: forAnyone(RequestPasswordResetInput, provingWhoOneIs).mutation(
    ({ ctx, input }) => requestPasswordReset(ctx, input),
  ),
  resetPassword: forAnyone(ResetPasswordInput, provingWhoOneIs).mutation(({ ctx, input }) =>
    resetPassword(ctx, input),
  ),
  changePassword: forSignedIn(ChangePasswordInput, ownAccount).mutation(({ ctx, input }) =>
    changePassword(ctx, input),
  ),
  requestEmailChange: forSignedIn(RequestEmailChangeInput, ownAccount).mutation(({ ctx, input }) =>
    requestEmailChange(ctx, input),
  ),
  confirmEmailChange: forSignedIn(ConfirmEmailChangeInput, ownAccount).mutation(({ ctx, input }) =>
    confirmEmailChange(ctx, input),
  ),
  /**
   * A short-lived token limited to participation on this platform, for a widget (SPEC 8): the
   * sign-in window hands it over; management procedures refuse it.
   */
  participationToken: forSignedIn(noInput, ownAccount).mutation(async ({ ctx }) => {
    const user = await loadUserRow(ctx, ctx.user.id);
    return { token: (await openActiveSession(ctx, user, 'participation')).token };
  }),
  /** SPEC 4.2 *verified*: the provider's page to send the browser to (see the client README). */
  startVerification: forSignedIn(StartVerificationInput, ownAccount).mutation(({ ctx, input }) =>
    startVerification(ctx, input),
  ),
  me: forAnyone(noInput, ownAccount).query(({ ctx }) => getMe(ctx)),
});
