import pg from "pg";
import { describe, expect, it } from "vitest";
import { STORE_UNAVAILABLE_DIGEST_PREFIX } from "@/lib/errors/digests";
import { freshPostgresDatabase, poolFor, postgresUrlFor } from "@/tests/store-backends";
import { PostgresSessionStore } from "./postgres-session-store";
import type { ServerSession } from "./session-store";
import { guardStore, isStoreUnavailable, StoreUnavailableError } from "./store-unavailable";

const url = await freshPostgresDatabase();
const database = new URL(url).pathname.slice(1);

async function databaseAvailable(available: boolean) {
  const admin = new pg.Client({ connectionString: postgresUrlFor("postgres") });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS ${available}`);
    if (!available) await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [database]);
  } finally {
    await admin.end();
  }
}

const session = (id: string) =>
  ({ id, user: { uid: "656005750104", name: "Priya Raman" }, expiresAt: Date.now() + 60_000, lastSeenAt: Date.now() }) as unknown as ServerSession;

describe("a store that cannot be reached (issue 17)", () => {
  it("becomes a StoreUnavailableError whose digest carries the reference the error page shows; the pool carries on once the database is back", async () => {
    const sessions = guardStore("sessions", new PostgresSessionStore(poolFor(url)));
    await sessions.create(session("s-1"));
    expect(await sessions.get("s-1")).toMatchObject({ id: "s-1" });

    await databaseAvailable(false);
    try {
      const refused = await sessions.get("s-1").then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(StoreUnavailableError);
      const { digest, reference } = refused as StoreUnavailableError;
      expect(reference).toMatch(/^[0-9A-F]{10}$/);
      expect(digest).toBe(`${STORE_UNAVAILABLE_DIGEST_PREFIX}${reference}`);
    } finally {
      await databaseAvailable(true);
    }
    expect(await sessions.get("s-1")).toMatchObject({ id: "s-1" });
  });

  it("lets every other error through unchanged: a fault in what was asked is not an outage", async () => {
    const sessions = guardStore("sessions", new PostgresSessionStore(poolFor(url)));
    await sessions.create(session("s-2"));
    const fault = new Error("the claim was taken");
    await expect(
      sessions.update("s-2", () => {
        throw fault;
      }),
    ).rejects.toBe(fault);
    await expect(sessions.create(session("s-2"))).rejects.toSatisfy((error: unknown) => !(error instanceof StoreUnavailableError));
  });

  it("knows an outage by its code or node-postgres's words, never by guesswork", () => {
    const coded = (code: string) => Object.assign(new Error("x"), { code });
    for (const code of ["08006", "57P01", "57014", "55000", "53300", "ECONNREFUSED", "SQLITE_BUSY", "SQLITE_IOERR_WRITE"])
      expect(isStoreUnavailable(coded(code)), code).toBe(true);
    for (const code of ["23505", "22P02", "42P01", "SQLITE_CONSTRAINT"]) expect(isStoreUnavailable(coded(code)), code).toBe(false);
    expect(isStoreUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isStoreUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isStoreUnavailable(new TypeError("cannot read properties of undefined"))).toBe(false);
    expect(isStoreUnavailable("08006")).toBe(false);
  });
});
