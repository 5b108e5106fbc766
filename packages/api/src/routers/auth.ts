import { SignInInput } from '@samrad/core';
import { open } from '../access/guards.js';
import { getMe } from '../use-cases/auth/get-me.js';
import { signIn } from '../use-cases/auth/sign-in.js';
import { signOut } from '../use-cases/auth/sign-out.js';
import { forAnyone, noInput, router } from '../trpc.js';

export const authRouter = router({
  signIn: forAnyone(SignInInput, open('signing in proves who one is')).mutation(({ ctx, input }) =>
    signIn(ctx, input),
  ),
  signOut: forAnyone(noInput, open('ends the caller’s own session')).mutation(({ ctx }) =>
    signOut(ctx),
  ),
  me: forAnyone(noInput, open('the caller’s own account')).query(({ ctx }) => getMe(ctx)),
});
