const name = 'samrad_session';

/**
 * The console's session cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on
 * cross-site posts), Secure everywhere but on a developer's localhost.
 */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [
    `${name}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Expires=${expiresAt.toUTCString()}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearSessionCookie(secure: boolean): string {
  return sessionCookie('', new Date(0), secure);
}

export function readSessionCookie(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}
