import "server-only";
import type Database from "better-sqlite3";
import type { ServerSession, SessionStore } from "./session-store";

type SessionRow = { data: string; expires_at: number };

export class SqliteSessionStore implements SessionStore {
  // prepared once: every page and action reads and touches the session, so preparing per call showed in profiles
  private readonly statements: {
    insert: Database.Statement<[string, string, number]>;
    select: Database.Statement<[string], SessionRow>;
    update: Database.Statement<[string, number, string]>;
    delete: Database.Statement<[string]>;
    purge: Database.Statement<[number]>;
  };
  private readonly change: Database.Transaction<(id: string, change: (session: ServerSession) => ServerSession) => ServerSession | null>;

  constructor(private readonly database: Database.Database) {
    database.exec(`CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    )`);
    this.statements = {
      insert: database.prepare("INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?)"),
      select: database.prepare("SELECT data, expires_at FROM sessions WHERE id = ?"),
      update: database.prepare("UPDATE sessions SET data = ?, expires_at = ? WHERE id = ?"),
      delete: database.prepare("DELETE FROM sessions WHERE id = ?"),
      purge: database.prepare("DELETE FROM sessions WHERE expires_at <= ?"),
    };
    // better-sqlite3 is synchronous, so the read and the write cannot interleave with another request's
    this.change = database.transaction((id: string, change: (session: ServerSession) => ServerSession) => {
      const row = this.statements.select.get(id);
      if (!row || row.expires_at <= Date.now()) return null;
      const next = change(JSON.parse(row.data) as ServerSession);
      this.statements.update.run(JSON.stringify(next), next.expiresAt, id);
      return next;
    });
  }

  async create(session: ServerSession) {
    this.statements.insert.run(session.id, JSON.stringify(session), session.expiresAt);
  }

  async get(id: string, now = Date.now()) {
    const row = this.statements.select.get(id);
    if (!row) return null;
    if (row.expires_at <= now) {
      await this.delete(id);
      return null;
    }
    return JSON.parse(row.data) as ServerSession;
  }

  async save(session: ServerSession) {
    // Never resurrects a session that was deleted (signed out) while a request was in flight.
    this.statements.update.run(JSON.stringify(session), session.expiresAt, session.id);
  }

  async update(id: string, change: (session: ServerSession) => ServerSession) {
    return this.change.immediate(id, change);
  }

  async delete(id: string) {
    this.statements.delete.run(id);
  }

  async purgeExpired(now = Date.now()) {
    return this.statements.purge.run(now).changes;
  }

  async ping() {
    this.database.prepare("SELECT 1").get();
  }
}
