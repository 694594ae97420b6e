import { describe, expect, it } from "vitest";
import type { ServerSession } from "@/lib/features/session/server-session";
import { STORE_BACKENDS } from "@/tests/store-backends";

describe.each(STORE_BACKENDS)("$name session store", (backend) => {
  const session = (id: string, expiresAt = Date.now() + 60_000) => ({ id, expiresAt }) as unknown as ServerSession;

  it("creates, reads, saves and deletes a session", async () => {
    const store = (await backend.fresh()).sessions();
    await store.create(session("s1"));
    expect((await store.get("s1"))?.id).toBe("s1");
    await store.save({ ...session("s1"), marker: "saved" } as ServerSession);
    expect(await store.get("s1")).toMatchObject({ id: "s1", marker: "saved" });
    await store.delete("s1");
    expect(await store.get("s1")).toBeNull();
  });

  it("never brings back a session deleted while a request was in flight", async () => {
    const database = await backend.fresh();
    const [signingOut, inFlight] = [database.sessions(), database.sessions()];
    await signingOut.create(session("s1"));
    const held = (await inFlight.get("s1"))!;
    await signingOut.delete("s1");
    await inFlight.save(held);
    expect(await inFlight.update("s1", (current) => current)).toBeNull();
    expect(await signingOut.get("s1")).toBeNull();
  });

  it("drops an expired session on reading it, and purges those no one read", async () => {
    const store = (await backend.fresh()).sessions();
    const now = Date.now();
    await store.create(session("read", now - 1));
    await store.create(session("unread", now - 1));
    await store.create(session("live", now + 60_000));
    expect(await store.get("read", now)).toBeNull();
    expect(await store.update("unread", (current) => current)).toBeNull();
    expect(await store.purgeExpired(now)).toBe(1);
    expect((await store.get("live", now))?.id).toBe("live");
  });

  it("applies updates racing on two instances one after the other, losing none", async () => {
    const database = await backend.fresh();
    const [one, other] = [database.sessions(), database.sessions()];
    await one.create({ ...session("s1"), count: 0 } as unknown as ServerSession);
    const increment = (current: ServerSession) => ({ ...current, count: (current as unknown as { count: number }).count + 1 }) as ServerSession;
    await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 ? one : other).update("s1", increment)));
    expect(await one.get("s1")).toMatchObject({ count: 20 });
  });

  it("lets one of two instances claim a send, and only one (the BaRS double click)", async () => {
    const database = await backend.fresh();
    const [one, other] = [database.sessions(), database.sessions()];
    await one.create({ ...session("s1"), claimedBy: null } as unknown as ServerSession);
    const claims: string[] = [];
    const claim = (instance: string) => (current: ServerSession) => {
      if ((current as unknown as { claimedBy: string | null }).claimedBy) return current;
      claims.push(instance);
      return { ...current, claimedBy: instance } as ServerSession;
    };
    await Promise.all([one.update("s1", claim("one")), other.update("s1", claim("other"))]);
    expect(claims).toHaveLength(1);
    expect(await one.get("s1")).toMatchObject({ claimedBy: claims[0] });
  });

  it("answers the readiness check", async () => {
    await expect((await backend.fresh()).sessions().ping()).resolves.toBeUndefined();
  });
});
