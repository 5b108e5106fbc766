import { z } from 'zod';

/** The only place that reads process.env: every setting Samrad takes, validated at start. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  SAMRAD_DATA_DIR: z.string().default('./.data'),
  SAMRAD_DEMO: z.enum(['0', '1']).optional(),
  SAMRAD_ADMIN_EMAIL: z.string().optional(),
  SAMRAD_ADMIN_PASSWORD: z.string().optional(),
  SAMRAD_PLATFORM_NAME: z.string().min(1).optional(),
  /**
   * Keys the hashes the database must not reverse alone (e-mail codes, verified identities).
   * Without it, one is generated into SAMRAD_DATA_DIR/secret and kept there.
   */
  SAMRAD_SECRET: z.string().min(32).optional(),
  /** Where e-mail goes (`smtp://user:pass@host:port`); without it, to the log and the outbox. */
  SMTP_URL: z.string().url().optional(),
  SAMRAD_EMAIL_FROM: z.string().min(3).default('no-reply@samrad.local'),
});

export type ServerEnv = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}
