/**
 * Why a management action is refused. The API maps `not_visible` to NOT_FOUND (never reveal
 * existence), `not_signed_in` to UNAUTHORIZED, `last_admin` to CONFLICT, the rest to FORBIDDEN.
 */
export const accessReasons = [
  'not_visible',
  'not_signed_in',
  'not_permitted',
  'not_a_member',
  'review_required',
  'already_published',
  'delegation_off',
  'last_admin',
  'built_in',
] as const;
export type AccessReason = (typeof accessReasons)[number];
