import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { ServerSession, SessionStore } from "./session-store";

/** An AES-256-GCM key with the id stored beside what it sealed, so that a rotated-out key can still open old rows. */
export interface SessionKey {
  kid: string;
  key: Buffer;
}

/** What the inner store keeps: only the id and expiry in clear (it needs both), the rest sealed. */
interface SealedSession {
  id: string;
  expiresAt: number;
  sealed: string;
}

const FORMAT = "v1";

/** The key used when none is set: derived from the session secret, so that the embedded default is encrypted too. */
export function derivedSessionKey(sessionSecret: string): SessionKey {
  return { kid: "derived", key: Buffer.from(hkdfSync("sha256", sessionSecret, "", "care-record-viewer session store", 32)) };
}

class UnreadableSession extends Error {}

/**
 * Seals each server session (ID tokens, platform tokens, NHS numbers behind references, searches) with AES-GCM
 * before any store keeps it, whatever the store: SQLite on one server, PostgreSQL for several. The session id is
 * the additional data, so a sealed session moved to another row does not open. The first key seals; every key
 * opens (rotation: add the new key first, keep the old until sessions sealed with it have expired).
 */
export class EncryptedSessionStore implements SessionStore {
  private readonly byKid: Map<string, Buffer>;

  constructor(
    private readonly inner: SessionStore,
    private readonly keys: readonly [SessionKey, ...SessionKey[]],
  ) {
    this.byKid = new Map(keys.map(({ kid, key }) => [kid, key]));
  }

  private seal(session: ServerSession): ServerSession {
    const { kid, key } = this.keys[0];
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(session.id));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(session), "utf8"), cipher.final()]);
    const sealed: SealedSession = {
      id: session.id,
      expiresAt: session.expiresAt,
      sealed: [FORMAT, kid, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join("."),
    };
    // the inner store reads only the id and expiry of what it keeps
    return sealed as unknown as ServerSession;
  }

  private open(stored: ServerSession): ServerSession {
    const { id, sealed } = stored as unknown as SealedSession;
    const [format, kid, iv, tag, ciphertext] = typeof sealed === "string" ? sealed.split(".") : [];
    const key = kid ? this.byKid.get(kid) : undefined;
    if (format !== FORMAT || !key || !iv || !tag || ciphertext === undefined) throw new UnreadableSession();
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
      return JSON.parse(plain) as ServerSession;
    } catch {
      throw new UnreadableSession();
    }
  }

  /** A session that does not open (tampered, moved, or sealed with a key no longer held) is no session. */
  private openOrNull(stored: ServerSession | null): ServerSession | null {
    if (!stored) return null;
    try {
      return this.open(stored);
    } catch (error) {
      if (error instanceof UnreadableSession) return null;
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
      if (error instanceof UnreadableSession) return null;
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
