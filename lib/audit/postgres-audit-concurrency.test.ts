import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { TEST_AUDIT_KEYS } from "@/tests/audit-keys";
import { freshPostgresDatabase, poolFor } from "@/tests/store-backends";
import { PostgresAuditTrail } from "./postgres-audit-trail";

const WRITERS = 4;
const ENTRIES_EACH = 2_500;

/** Starts a writer process; resolves once it is connected and waiting for the word to go. */
function startWriter(url: string, name: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/audit-writer.mts", url, String(ENTRIES_EACH), name], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      lines.on("line", (line) => line === word && resolve());
      child.once("exit", (code) => reject(new Error(`writer ${name} exited with ${code} before saying ${word}`)));
    });
  return { ready: said("ready"), done: said("done"), go: () => child.stdin!.end("go\n") };
}

describe("the PostgreSQL audit trail across instances (issue 17)", () => {
  it(`${WRITERS} processes writing ${ENTRIES_EACH} entries each at once make one chain: it verifies, no gaps, no fork`, async () => {
    const url = await freshPostgresDatabase();
    const writers = Array.from({ length: WRITERS }, (_, index) => startWriter(url, `writer-${index + 1}`));
    await Promise.all(writers.map((writer) => writer.ready));
    const started = Date.now();
    for (const writer of writers) writer.go();
    await Promise.all(writers.map((writer) => writer.done));
    const seconds = (Date.now() - started) / 1000;

    const pool = poolFor(url);
    const trail = new PostgresAuditTrail(pool, TEST_AUDIT_KEYS);
    expect(await trail.verifyChain()).toMatchObject({ intact: true, entries: WRITERS * ENTRIES_EACH, legacyEntries: 0 });
    const { rows } = await pool.query<{ entries: number; first: number; last: number; previous_hashes: number; writers: number }>(
      `SELECT count(*)::int AS entries, min(id)::int AS first, max(id)::int AS last,
        count(DISTINCT previous_hash)::int AS previous_hashes, count(DISTINCT user_id)::int AS writers FROM audit_log`,
    );
    // ids 1..10,000 with none missing; no two entries claim the same predecessor (a fork)
    expect(rows[0]).toEqual({ entries: 10_000, first: 1, last: 10_000, previous_hashes: 10_000, writers: WRITERS });
    console.warn(`[audit concurrency] ${WRITERS * ENTRIES_EACH} entries from ${WRITERS} processes in ${seconds.toFixed(1)} s`);
  }, 120_000);
});
