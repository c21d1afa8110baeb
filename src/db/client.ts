import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { PillarError } from '../errors.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface OpenDatabaseOptions {
  /** Apply migrations on open (the default); `pillar migrate` does it explicitly. */
  migrate?: boolean;
}

/**
 * Opens the SQLite database at `path` (`:memory:` for tests) with WAL, a busy timeout and
 * foreign keys on, and applies the committed migrations.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  let sqlite: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new Database(path);
  } catch (cause) {
    throw new PillarError(
      'db_error',
      `Cannot open the database at ${path}: check that the folder is writable or set PILLAR_DB to another file.`,
      { cause },
    );
  }
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate !== false) applyMigrations(db);
  return db;
}

export function applyMigrations(db: Db): void {
  try {
    migrate(db, { migrationsFolder });
  } catch (cause) {
    throw new PillarError(
      'db_error',
      'Database migrations failed: the database file may be from a newer Pillar.',
      {
        cause,
      },
    );
  }
}

export function closeDatabase(db: Db): void {
  db.$client.close();
}

export { schema };
