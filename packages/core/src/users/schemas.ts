import { z } from 'zod';

/** E-mail addresses are compared lower-case everywhere. */
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(320));

export const SignInInput = z
  .object({
    email: Email,
    password: z.string().min(1).max(1024),
  })
  .strict();
export type SignInInput = z.infer<typeof SignInInput>;
