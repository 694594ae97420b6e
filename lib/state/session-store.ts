import type { ServerSession } from "@/lib/features/session/server-session";

export type { ServerSession };

/**
 * Shared state several app instances must agree on. The embedded default is SQLite on local disk;
 * a trust running several instances behind a load balancer supplies PostgreSQL or Redis here.
 */
export interface SessionStore {
  create(session: ServerSession): Promise<void>;
  /** The session, or null if it does not exist or has expired. */
  get(id: string, now?: number): Promise<ServerSession | null>;
  save(session: ServerSession): Promise<void>;
  /** Reads, changes and writes one session as a unit; null if it no longer exists. */
  update(id: string, change: (session: ServerSession) => ServerSession): Promise<ServerSession | null>;
  delete(id: string): Promise<void>;
  /** Housekeeping: drops sessions that expired without a sign-out; how many went. */
  purgeExpired(now?: number): Promise<number>;
  /** Throws if the store cannot be reached: the readiness check. */
  ping(): Promise<void>;
}

export class InMemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, string>();

  async create(session: ServerSession) {
    this.sessions.set(session.id, JSON.stringify(session));
  }

  async get(id: string, now = Date.now()) {
    const stored = this.sessions.get(id);
    if (!stored) return null;
    const session = JSON.parse(stored) as ServerSession;
    if (session.expiresAt <= now) {
      this.sessions.delete(id);
      return null;
    }
    return session;
  }

  async save(session: ServerSession) {
    if (this.sessions.has(session.id)) this.sessions.set(session.id, JSON.stringify(session));
  }

  async update(id: string, change: (session: ServerSession) => ServerSession) {
    const current = await this.get(id);
    if (!current) return null;
    const next = change(current);
    this.sessions.set(id, JSON.stringify(next));
    return next;
  }

  async delete(id: string) {
    this.sessions.delete(id);
  }

  async purgeExpired(now = Date.now()) {
    let purged = 0;
    for (const [id, stored] of this.sessions) {
      if ((JSON.parse(stored) as ServerSession).expiresAt <= now) {
        this.sessions.delete(id);
        purged += 1;
      }
    }
    return purged;
  }

  async ping() {}
}
