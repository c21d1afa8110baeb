import { type Db, openDatabase } from '../../src/db/client.js';

/** In-memory SQLite with the real migrations applied. */
export function testDb(): Db {
  return openDatabase(':memory:');
}
