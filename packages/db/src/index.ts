export * from './connect.js';
export * from './schema/index.js';
export * from './scopes/subject-scope.js';
export * from './scopes/projects.js';
export * from './scopes/folders.js';
export * from './scopes/inputs.js';
export * from './scopes/groups.js';
