import type pg from "pg";
import { inTransaction } from "./postgres";
import type { ServerSession, SessionStore } from "./session-store";

/** Sessions shared by every instance: a double click whose two requests reach two instances still sees one session. */
export class PostgresSessionStore implements SessionStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(session: ServerSession) {
    await this.pool.query("INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3)", [session.id, JSON.stringify(session), session.expiresAt]);
  }

  async get(id: string, now = Date.now()) {
    const { rows } = await this.pool.query<{ data: string; expired: boolean }>("SELECT data, expires_at <= $2 AS expired FROM sessions WHERE id = $1", [
      id,
      now,
    ]);
    const row = rows[0];
    if (!row) return null;
    if (row.expired) {
      await this.pool.query("DELETE FROM sessions WHERE id = $1 AND expires_at <= $2", [id, now]);
      return null;
    }
    return JSON.parse(row.data) as ServerSession;
  }

  async save(session: ServerSession) {
    // an UPDATE, never an upsert: a session deleted (signed out) while a request was in flight stays deleted
    await this.pool.query("UPDATE sessions SET data = $2, expires_at = $3 WHERE id = $1", [session.id, JSON.stringify(session), session.expiresAt]);
  }

  async update(id: string, change: (session: ServerSession) => ServerSession) {
    return inTransaction(this.pool, async (client) => {
      // FOR UPDATE holds the row until commit: another instance's change to this session waits and then sees this one
      const { rows } = await client.query<{ data: string; expired: boolean }>(
        "SELECT data, expires_at <= $2 AS expired FROM sessions WHERE id = $1 FOR UPDATE",
        [id, Date.now()],
      );
      const row = rows[0];
      if (!row || row.expired) return null;
      const next = change(JSON.parse(row.data) as ServerSession);
      await client.query("UPDATE sessions SET data = $2, expires_at = $3 WHERE id = $1", [id, JSON.stringify(next), next.expiresAt]);
      return next;
    });
  }

  async delete(id: string) {
    await this.pool.query("DELETE FROM sessions WHERE id = $1", [id]);
  }

  async purgeExpired(now = Date.now()) {
    return (await this.pool.query("DELETE FROM sessions WHERE expires_at <= $1", [now])).rowCount ?? 0;
  }

  async ping() {
    await this.pool.query("SELECT 1 FROM sessions LIMIT 1");
  }
}
