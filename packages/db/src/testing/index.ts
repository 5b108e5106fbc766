export {
  createPostgresDatabaseUrl,
  createTestDatabase,
  testDatabaseKinds,
  type DatabaseKind,
} from './test-database.js';
export * from './factories.js';
