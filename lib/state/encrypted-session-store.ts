import { hkdfSync } from "node:crypto";
import { Sealer, type SealingKey, UnreadableSeal } from "./sealing";
import type { ServerSession, SessionStore } from "./session-store";

/** An AES-256-GCM key with the id stored beside what it sealed, so that a rotated-out key can still open old rows. */
export type SessionKey = SealingKey;

/** What the inner store keeps: only the id and expiry in clear (it needs both), the rest sealed. */
interface SealedSession {
  id: string;
  expiresAt: number;
  sealed: string;
}

/** The key used when none is set: derived from the session secret, so that the embedded default is encrypted too. */
export function derivedSessionKey(sessionSecret: string): SessionKey {
  return { kid: "derived", key: Buffer.from(hkdfSync("sha256", sessionSecret, "", "care-record-viewer session store", 32)) };
}

/**
 * Seals each server session (ID tokens, platform tokens, NHS numbers behind references, searches) with AES-GCM
 * before any store keeps it, whatever the store: SQLite on one server, PostgreSQL for several. The session id is
 * the additional data, so a sealed session moved to another row does not open. The first key seals; every key
 * opens (rotation: add the new key first, keep the old until sessions sealed with it have expired).
 */
export class EncryptedSessionStore implements SessionStore {
  private readonly sealer: Sealer;

  constructor(
    private readonly inner: SessionStore,
    keys: readonly [SessionKey, ...SessionKey[]] | Sealer,
  ) {
    this.sealer = keys instanceof Sealer ? keys : new Sealer(keys);
  }

  private seal(session: ServerSession): ServerSession {
    const sealed: SealedSession = { id: session.id, expiresAt: session.expiresAt, sealed: this.sealer.seal(JSON.stringify(session), session.id) };
    // the inner store reads only the id and expiry of what it keeps
    return sealed as unknown as ServerSession;
  }

  private open(stored: ServerSession): ServerSession {
    const { id, sealed } = stored as unknown as SealedSession;
    return JSON.parse(this.sealer.open(sealed, id)) as ServerSession;
  }

  /** A session that does not open (tampered, moved, or sealed with a key no longer held) is no session. */
  private openOrNull(stored: ServerSession | null): ServerSession | null {
    if (!stored) return null;
    try {
      return this.open(stored);
    } catch (error) {
      if (error instanceof UnreadableSeal) return null;
      throw error;
    }
  }

  async create(session: ServerSession) {
    await this.inner.create(this.seal(session));
  }

  async get(id: string, now?: number) {
    return this.openOrNull(await this.inner.get(id, now));
  }

  async save(session: ServerSession) {
    await this.inner.save(this.seal(session));
  }

  async update(id: string, change: (session: ServerSession) => ServerSession) {
    let changed = null as ServerSession | null;
    try {
      const written = await this.inner.update(id, (stored) => {
        changed = change(this.open(stored));
        return this.seal(changed);
      });
      return written ? changed : null;
    } catch (error) {
      if (error instanceof UnreadableSeal) return null;
      throw error;
    }
  }

  async delete(id: string) {
    await this.inner.delete(id);
  }

  async purgeExpired(now?: number) {
    return this.inner.purgeExpired(now);
  }

  async ping() {
    await this.inner.ping();
  }
}
