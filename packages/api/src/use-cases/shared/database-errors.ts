/**
 * The constraint that a database error reports, or undefined when it is no integrity error
 * (SQLSTATE class 23). Drizzle wraps the driver's error in its own (`cause`); PGlite names the
 * constraint `constraint`, postgres.js `constraint_name`. Use cases turn the constraints they
 * expect into API errors, so a lost race is answered like the check it slipped past, never a 500.
 */
export function violatedConstraint(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const fields = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (typeof fields.code === 'string' && fields.code.startsWith('23')) {
      const name = fields.constraint ?? fields.constraint_name;
      return typeof name === 'string' ? name : undefined;
    }
  }
  return undefined;
}
