import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

const openDatabases = new Map<string, Database.Database>();

/** One SQLite database per file per process, in WAL mode so reads do not block the audit writer. */
export function openSqlite(dataDir: string, fileName: string): Database.Database {
  const path = join(dataDir, fileName);
  const existing = openDatabases.get(path);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const database = new Database(path);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL"); // an audit row must survive a crash once written
  database.pragma("busy_timeout = 5000");
  openDatabases.set(path, database);
  return database;
}
