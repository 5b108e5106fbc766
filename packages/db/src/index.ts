export * from './connect.js';
export * from './schema/index.js';
export * from './scopes/projects.js';
