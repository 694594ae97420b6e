import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { TEST_AUDIT_CHAIN_KEYS_SETTING } from "@/tests/audit-keys";
import { freshPostgresDatabase, poolFor } from "@/tests/store-backends";

/** A local port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits until `check` holds, polling: for what the database shows of the other process. */
async function until(check: () => Promise<boolean>) {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe("graceful shutdown (issue 17)", () => {
  it("on SIGTERM, finishes the request in flight, writes the last audit anchor, then closes the PostgreSQL pool and exits", async () => {
    const url = await freshPostgresDatabase();
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const child = spawn(process.execPath, ["--import", "tsx", "tests/shutdown-child.mts"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        SESSION_SECRET: "s".repeat(48),
        CIS2_CLIENT_PRIVATE_JWK: JSON.stringify({ ...(await exportJWK(privateKey)), kid: "shutdown-test" }),
        AUDIT_CHAIN_KEYS: TEST_AUDIT_CHAIN_KEYS_SETTING,
        LOG_LEVEL: "info",
        NEXT_MANUAL_SIG_HANDLE: "",
        // the start-up's MESH poller would otherwise poll the stand-in's default port, which is the journeys' own
        // stand-in when npm test runs them alongside: it must neither take their mailbox's messages nor wait on it
        MESH_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const events: Array<Record<string, unknown>> = [];
    let seen = () => undefined as void;
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) if (line.startsWith("{")) events.push(JSON.parse(line) as Record<string, unknown>);
      seen();
    });
    // "close", not "exit": by then the child's standard output has been read to its end, its last lines included
    const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
    const event = (name: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const look = () => {
          const found = events.find((logged) => logged.event === name);
          if (found) resolve(found);
        };
        const previous = seen;
        seen = () => {
          previous();
          look();
        };
        look();
      });

    const { port } = (await event("listening")) as { port: number };
    expect(await event("audit-chain-anchor")).toMatchObject({ occasion: "start-up", entries: 0 });

    // hold the lock the request waits on, so it is in flight when SIGTERM comes
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(4242)");
    const holderPid = (await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const answered = fetch(`http://127.0.0.1:${port}/in-flight`).then((response) => response.text());
    const admin = poolFor(url);
    const waiting = async () =>
      (await admin.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_lock(4242)%' AND pid <> $1", [holderPid]))
        .rowCount === 1;
    await until(waiting);

    child.kill("SIGTERM");
    // the server has stopped taking requests: a new one is refused
    await until(() =>
      fetch(`http://127.0.0.1:${port}/new`).then(
        () => false,
        () => true,
      ),
    );
    // while the one in flight still waits, with the pool open for it: no last anchor, nothing closed, still running
    expect(await waiting()).toBe(true);
    expect(events.filter((logged) => logged.event === "pool-connection-closed" || logged.occasion === "shutdown")).toEqual([]);
    expect(child.exitCode).toBeNull();

    await holder.query("SELECT pg_advisory_unlock(4242)");
    await holder.end();
    expect(await answered).toBe("1");
    expect(await exited).toBe(143);

    const order = events.map((logged) =>
      logged.event === "audit-chain-anchor" ? `anchor:${String(logged.occasion)}:${String(logged.entries)}` : String(logged.event),
    );
    // the last anchor counts the request that was in flight; after it nothing but the pool's connections closing,
    // by the app, until none is open (a connection idle past the pool's idle timeout may have closed before it, on
    // a slow machine: that is the pool's own housekeeping)
    const fromLastAnchor = order.slice(order.indexOf("anchor:shutdown:1"));
    expect(fromLastAnchor[0]).toBe("anchor:shutdown:1");
    expect(fromLastAnchor.slice(1).filter((name) => name !== "pool-connection-closed")).toEqual([]);
    expect(events.filter((logged) => logged.event === "pool-connection-closed").at(-1)).toMatchObject({ open: 0 });
    await until(
      async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")).rowCount === 0,
    );
    // a child started through tsx compiles the app's start-up first: seconds on a quiet machine, a minute or more on
    // a loaded 2-core one (as for audit:verify), so the test waits for what happens, not for a time
  }, 180_000);
});
