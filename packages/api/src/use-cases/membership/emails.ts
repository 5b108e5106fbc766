import { localize, type LocalizedText } from '@samrad/core';
import type { Platform } from '../../context.js';
import type { OutgoingEmail } from '../../email/outbox.js';

/*
 * The membership e-mails (SPEC 3.5). Project titles in the recipient's language where known,
 * else the platform's.
 */

/** An e-mail to one person about a project, titled by `title`. */
interface AboutProject {
  platform: Platform;
  to: string;
  locale: string | null;
  title: LocalizedText;
}

function titleFor(platform: Platform, title: LocalizedText, locale: string | null): string {
  return localize(title, locale ?? platform.defaultLocale, [platform.defaultLocale]);
}

/**
 * The link carries the invitation's secret; only its hash is stored. Relative, as the server has
 * no configured base URL yet. The same text whether or not the address has an account.
 */
export function invitationEmail(
  input: AboutProject & {
    inviter: string;
    message: string | undefined;
    token: string;
    expiresAt: Date;
  },
): OutgoingEmail {
  const title = titleFor(input.platform, input.title, input.locale);
  return {
    platformId: input.platform.id,
    to: input.to,
    subject: `Invitation to join “${title}”`,
    text: [
      `${input.inviter} invites you to join “${title}” on ${input.platform.name}.`,
      ...(input.message ? ['', input.message] : []),
      '',
      `Accept the invitation: /invitations/${input.token}`,
      `The link is yours alone and works until ${input.expiresAt.toISOString().slice(0, 10)}.`,
      'Without an account yet? Sign up with this e-mail address first, then open the link.',
    ].join('\n'),
  };
}

export function decisionEmail(input: AboutProject & { accepted: boolean }): OutgoingEmail {
  const title = titleFor(input.platform, input.title, input.locale);
  return {
    platformId: input.platform.id,
    to: input.to,
    subject: input.accepted ? `Welcome to “${title}”` : `Your request to join “${title}”`,
    text: input.accepted
      ? `Your request to join “${title}” on ${input.platform.name} was accepted: you are now a member.`
      : `Your request to join “${title}” on ${input.platform.name} was declined by its managers.`,
  };
}
