import { PillarError } from '../errors.js';

/**
 * SQLite's errors as one sentence with the fix: what a person running Pillar can act on. Other
 * errors pass through unchanged.
 */
export function describeDbError(err: unknown, path: string): PillarError | undefined {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  const raw = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_NOTADB')
    return new PillarError(
      'db_damaged',
      `${path} is not a Pillar database (${raw}): set PILLAR_DB to another file, or move this one aside.`,
      { cause: err },
    );
  if (code.startsWith('SQLITE_CORRUPT'))
    return new PillarError(
      'db_damaged',
      `The database ${path} is damaged (${raw}): restore it from a backup, or move it aside and let Pillar start a new one.`,
      { cause: err },
    );
  if (code === 'SQLITE_FULL')
    return new PillarError(
      'db_full',
      `The disk holding ${path} is full: free some space; nothing read since is lost, ingestion reads it again from its cursor.`,
      { cause: err },
    );
  if (code.startsWith('SQLITE_IOERR'))
    return new PillarError(
      'db_error',
      `The database ${path} cannot be written (${raw}): check the disk and its free space.`,
      { cause: err },
    );
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'))
    return new PillarError(
      'db_error',
      `The database ${path} cannot be opened for writing (${raw}): check the file's permissions, or set PILLAR_DB to a writable path.`,
      { cause: err },
    );
  return undefined;
}

/** Whether an error says the storage itself fails (as opposed to a bug or a constraint). */
export function isStorageFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    code === 'db_full' ||
    code === 'db_damaged' ||
    code === 'SQLITE_NOTADB' ||
    code === 'SQLITE_FULL' ||
    code.startsWith('SQLITE_CORRUPT') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN')
  );
}
