import type { Platform } from '../../context.js';
import type { OutgoingEmail } from '../../email/outbox.js';

/*
 * The account e-mails. The code is the message's first line of substance, so that a phone's
 * notification shows it; the same text whether or not the address has an account.
 */

const footer = (platform: Platform) =>
  `\n\nIf you did not ask for this, you can ignore this e-mail.\n— ${platform.name}`;

export function codeEmail(
  platform: Platform,
  to: string,
  purpose: 'confirm_email' | 'reset_password' | 'change_email',
  code: string,
): OutgoingEmail {
  const what = {
    confirm_email: `confirm your e-mail address on ${platform.name}`,
    reset_password: `choose a new password on ${platform.name}`,
    change_email: `make this your new e-mail address on ${platform.name}`,
  }[purpose];
  return {
    platformId: platform.id,
    to,
    subject: `${code} is your code for ${platform.name}`,
    text: `Your code: ${code}\n\nEnter it to ${what}. It works once, for 10 minutes.${footer(platform)}`,
  };
}

/** Told to the old address when the address of an account changes. */
export function emailChangedEmail(platform: Platform, to: string, newEmail: string): OutgoingEmail {
  return {
    platformId: platform.id,
    to,
    subject: `Your e-mail address on ${platform.name} was changed`,
    text: `The e-mail address of your account on ${platform.name} is now ${newEmail}.\n\nIf you did not change it, reset your password and contact the city.${footer(platform)}`,
  };
}

/** Told to the account when its password changes (every other session is signed out). */
export function passwordChangedEmail(platform: Platform, to: string): OutgoingEmail {
  return {
    platformId: platform.id,
    to,
    subject: `Your password on ${platform.name} was changed`,
    text: `The password of your account on ${platform.name} was changed, and every other session was signed out.\n\nIf you did not change it, reset your password now.${footer(platform)}`,
  };
}
