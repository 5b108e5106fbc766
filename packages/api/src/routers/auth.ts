import { SignInInput } from '@samrad/core';
import { getMe } from '../use-cases/auth/get-me.js';
import { signIn } from '../use-cases/auth/sign-in.js';
import { signOut } from '../use-cases/auth/sign-out.js';
import { publicProcedure, router } from '../trpc.js';

export const authRouter = router({
  signIn: publicProcedure.input(SignInInput).mutation(({ ctx, input }) => signIn(ctx, input)),
  signOut: publicProcedure.mutation(({ ctx }) => signOut(ctx)),
  me: publicProcedure.query(({ ctx }) => getMe(ctx)),
});
