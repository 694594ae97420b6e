import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

const holder = globalThis as typeof globalThis & { __careRecordViewerSqliteDatabases?: Map<string, Database.Database> };
// on globalThis, as the PostgreSQL pools are: Next can load this module more than once in a process (instrumentation,
// route handlers, pages), and closing at exit must close every copy's databases
const openDatabases = (holder.__careRecordViewerSqliteDatabases ??= new Map<string, Database.Database>());

/** One SQLite database per file per process, in WAL mode so reads do not block the audit writer. */
export function openSqlite(dataDir: string, fileName: string): Database.Database {
  const path = join(dataDir, fileName);
  const existing = openDatabases.get(path);
  if (existing) return existing;
  ensurePrivateFile(dataDir, path);
  const database = new Database(path);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL"); // an audit row must survive a crash once written
  database.pragma("busy_timeout = 5000");
  openDatabases.set(path, database);
  return database;
}

/**
 * The data folder and each database are the service account's alone (0700, 0600): they hold sessions and the
 * audit trail. SQLite gives its -wal and -shm files the database file's mode.
 */
export function ensurePrivateFile(dataDir: string, path: string) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, "a", 0o600));
  chmodSync(path, 0o600);
}

/** Closes every database this process opened, so the last writes are checkpointed before it exits. */
export function closeAllSqlite() {
  for (const database of openDatabases.values()) if (database.open) database.close();
  openDatabases.clear();
}
