import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { derivedSessionKey, EncryptedSessionStore, type SessionKey } from "./encrypted-session-store";
import type { ServerSession } from "./session-store";
import { SqliteSessionStore } from "./sqlite-session-store";

const key = (kid: string): SessionKey => ({ kid, key: randomBytes(32) });

function session(): ServerSession {
  return {
    id: crypto.randomUUID(),
    user: { uid: "656005750104", name: "Priya Raman" },
    assurance: { authenticationLevel: 3, identityLevel: 3, acr: "AAL3_ANY", amr: ["N3_SMARTCARD"] },
    roles: [],
    selectedRoleId: null,
    idToken: "eyJ-an-id-token-from-cis2",
    apimUserToken: { accessToken: "platform-access-token", expiresAt: Date.now() + 60_000, refreshToken: "platform-refresh-token", refreshExpiresAt: 0 },
    patientRefs: { "3f0c2a9e-0d7a-4c39-9d53-5b1a3c0e9f11": { nhsNumber: "9693632109", createdAt: 1 } },
    createdAt: Date.now(),
    lastSeenAt: Date.now(),
    expiresAt: Date.now() + 60 * 60_000,
  } as ServerSession;
}

function sqlite() {
  const directory = mkdtempSync(join(tmpdir(), "sealed-sessions-"));
  const database = new Database(join(directory, "sessions.db"));
  return { database, path: join(directory, "sessions.db"), inner: new SqliteSessionStore(database) };
}

describe("server sessions are sealed at rest (issue 17)", () => {
  it("keeps no token or NHS number in the database, and gives back exactly what was stored", async () => {
    const { database, path, inner } = sqlite();
    const store = new EncryptedSessionStore(inner, [key("2026-11")]);
    const stored = session();
    await store.create(stored);
    expect(await store.get(stored.id)).toEqual(stored);
    database.pragma("wal_checkpoint(TRUNCATE)");
    const onDisk = readFileSync(path).toString("latin1");
    for (const secret of ["eyJ-an-id-token-from-cis2", "platform-access-token", "platform-refresh-token", "9693632109", "Priya Raman"]) {
      expect(onDisk).not.toContain(secret);
    }
    const row = database.prepare("SELECT data FROM sessions WHERE id = ?").get(stored.id) as { data: string };
    expect(JSON.parse(row.data)).toEqual({ id: stored.id, expiresAt: stored.expiresAt, sealed: expect.stringMatching(/^v1\.2026-11\./) });
  });

  it("updates in one transaction, sealed again", async () => {
    const store = new EncryptedSessionStore(sqlite().inner, [key("a")]);
    const stored = session();
    await store.create(stored);
    const updated = await store.update(stored.id, (current) => ({ ...current, selectedRoleId: "656014452101" }));
    expect(updated?.selectedRoleId).toBe("656014452101");
    expect((await store.get(stored.id))?.selectedRoleId).toBe("656014452101");
    expect(await store.update("no-such-session", (current) => current)).toBeNull();
  });

  it("rotation: a session sealed with the old key still opens once a new key seals, and not once the old key is gone", async () => {
    const { inner } = sqlite();
    const old = key("2026-10");
    const next = key("2026-11");
    const stored = session();
    await new EncryptedSessionStore(inner, [old]).create(stored);
    const rotating = new EncryptedSessionStore(inner, [next, old]);
    expect(await rotating.get(stored.id)).toEqual(stored);
    await rotating.update(stored.id, (current) => current);
    // sealed again with the new key on its next change, so it outlives the old key
    expect(await new EncryptedSessionStore(inner, [next]).get(stored.id)).toEqual(stored);
    const other = session();
    await new EncryptedSessionStore(inner, [old]).create(other);
    expect(await new EncryptedSessionStore(inner, [next]).get(other.id)).toBeNull();
  });

  it("a sealed session altered, or moved to another session's row, does not open", async () => {
    const { database, inner } = sqlite();
    const store = new EncryptedSessionStore(inner, [key("a")]);
    const first = session();
    const second = session();
    await store.create(first);
    await store.create(second);
    const rowOf = (id: string) => database.prepare("SELECT data FROM sessions WHERE id = ?").get(id) as { data: string };
    const firstSealed = JSON.parse(rowOf(first.id).data) as { sealed: string };
    database
      .prepare("UPDATE sessions SET data = ? WHERE id = ?")
      .run(JSON.stringify({ id: second.id, expiresAt: second.expiresAt, sealed: firstSealed.sealed }), second.id);
    expect(await store.get(second.id)).toBeNull();
    // a character in the middle: the last one of base64 may carry only padding bits, so changing it may change nothing
    const middle = Math.floor(firstSealed.sealed.length / 2);
    const tampered = `${firstSealed.sealed.slice(0, middle)}${firstSealed.sealed[middle] === "A" ? "B" : "A"}${firstSealed.sealed.slice(middle + 1)}`;
    database.prepare("UPDATE sessions SET data = ? WHERE id = ?").run(JSON.stringify({ id: first.id, expiresAt: first.expiresAt, sealed: tampered }), first.id);
    expect(await store.get(first.id)).toBeNull();
  });

  it("without keys set, the key is derived from the session secret, the same each time", async () => {
    expect(derivedSessionKey("a-session-secret-of-at-least-32-chars").key.equals(derivedSessionKey("a-session-secret-of-at-least-32-chars").key)).toBe(true);
    expect(derivedSessionKey("a-session-secret-of-at-least-32-chars").key.length).toBe(32);
  });
});
