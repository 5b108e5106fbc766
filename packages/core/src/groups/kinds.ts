/** User groups (SPEC 5). */
export const groupKinds = ['manual', 'smart', 'composite'] as const;
export type GroupKind = (typeof groupKinds)[number];

/** Built-in groups nobody may edit or delete. */
export const builtInGroups = ['everyone_registered', 'staff'] as const;
export type BuiltInGroup = (typeof builtInGroups)[number];

/** File-folder rights a group may hold (SPEC 6). */
export const fileFolderRights = ['read', 'read_write'] as const;
export type FileFolderRight = (typeof fileFolderRights)[number];
