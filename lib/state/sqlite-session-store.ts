import "server-only";
import type Database from "better-sqlite3";
import type { ServerSession, SessionStore } from "./session-store";

export class SqliteSessionStore implements SessionStore {
  constructor(private readonly database: Database.Database) {
    database.exec(`CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    )`);
  }

  async create(session: ServerSession) {
    this.database
      .prepare("INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?)")
      .run(session.id, JSON.stringify(session), session.expiresAt);
  }

  async get(id: string, now = Date.now()) {
    const row = this.database.prepare("SELECT data, expires_at FROM sessions WHERE id = ?").get(id) as
      | { data: string; expires_at: number }
      | undefined;
    if (!row) return null;
    if (row.expires_at <= now) {
      await this.delete(id);
      return null;
    }
    return JSON.parse(row.data) as ServerSession;
  }

  async save(session: ServerSession) {
    // Never resurrects a session that was deleted (signed out) while a request was in flight.
    this.database
      .prepare("UPDATE sessions SET data = ?, expires_at = ? WHERE id = ?")
      .run(JSON.stringify(session), session.expiresAt, session.id);
  }

  async update(id: string, change: (session: ServerSession) => ServerSession) {
    // better-sqlite3 is synchronous, so the read and the write cannot interleave with another request's
    const apply = this.database.transaction(() => {
      const row = this.database.prepare("SELECT data, expires_at FROM sessions WHERE id = ?").get(id) as
        | { data: string; expires_at: number }
        | undefined;
      if (!row || row.expires_at <= Date.now()) return null;
      const next = change(JSON.parse(row.data) as ServerSession);
      this.database.prepare("UPDATE sessions SET data = ?, expires_at = ? WHERE id = ?").run(JSON.stringify(next), next.expiresAt, id);
      return next;
    });
    return apply.immediate();
  }

  async delete(id: string) {
    this.database.prepare("DELETE FROM sessions WHERE id = ?").run(id);
  }

  /** Housekeeping: drops sessions that expired without a sign-out. */
  purgeExpired(now = Date.now()) {
    return this.database.prepare("DELETE FROM sessions WHERE expires_at <= ?").run(now).changes;
  }
}
