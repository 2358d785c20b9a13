/** The store's public face: the port, the SQLite adapter's factory, and the errors the routes map. */
export type * from './store.js';
export { createSqliteStore, SQLITE_FILENAME, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { createPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
export { StoreNotFoundError } from './errors.js';
export { RestoreRefusedError } from './backup/restore-tables.js';
export {
  UsernameTakenError,
  type ApiKeyRecord,
  type AuditPage,
  type AuditRecord,
  type IdentityStore,
  type NewAuditRecord,
  type RefreshTokenRecord,
  type UserRecord,
} from './identity-store.js';
