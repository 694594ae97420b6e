// Loaded into the app by the bench only (node --expose-gc --import): on SIGUSR2 it collects garbage and
// appends the process's memory figures to BENCH_MEMORY_FILE, so that the bench can tell a leak (live heap
// that keeps growing) from a heap that grew to fit the load. BENCH_HEAP_SNAPSHOT_AT=N (or N,M,...) also writes a
// heap snapshot beside that file at the Nth sample (named after it), to find what holds memory when the trend says
// something does: two snapshots compared (bench/heap-diff.mts) name what grew between them.
import { appendFileSync } from "node:fs";
import { writeHeapSnapshot } from "node:v8";

const file = process.env.BENCH_MEMORY_FILE;
const snapshotAt = new Set((process.env.BENCH_HEAP_SNAPSHOT_AT ?? "").split(",").filter(Boolean).map(Number));
let samples = 0;

if (file) {
  process.on("SIGUSR2", () => {
    samples += 1;
    if (typeof globalThis.gc === "function") globalThis.gc();
    const usage = process.memoryUsage();
    appendFileSync(
      file,
      `${JSON.stringify({ at: Date.now(), rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external })}\n`,
    );
    if (snapshotAt.has(samples)) writeHeapSnapshot(`${file}.${samples}.heapsnapshot`);
  });
}
