/** Pending and blocked users are treated as visitors everywhere (SPEC 2.4). */
export const userStatuses = ['pending', 'active', 'blocked'] as const;
export type UserStatus = (typeof userStatuses)[number];

/** How generated user names look for light accounts (SPEC 4.2). */
export const usernameFormats = ['user', 'animal'] as const;
export type UsernameFormat = (typeof usernameFormats)[number];
