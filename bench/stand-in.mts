/**
 * The stand-in's figures on this machine: start-up time, PDS retrieve throughput and latency
 * (autocannon over loopback) and resident memory before and after. Prints a table and one JSON line.
 *   npm run bench:stand-in
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { NHS_APIS } from "../lib/nhs/catalogue";

const PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 9700);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const base = `http://127.0.0.1:${PORT}`;

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kilobytes / 1024) * 10) / 10;
}

execFileSync(process.execPath, ["scripts/build-sandbox.mjs"], { stdio: "inherit" });
const started = performance.now();
const child = spawn(process.execPath, [".local/sandbox/main.mjs"], {
  env: { ...process.env, SANDBOX_PORT: String(PORT), SANDBOX_HOST: "127.0.0.1", SANDBOX_REQUEST_LOG: "off" },
  stdio: ["ignore", "pipe", "inherit"],
});
let reportedStartup = "";
child.stdout.on("data", (chunk: Buffer) => {
  const match = /in (\d+) ms/.exec(chunk.toString());
  if (match) reportedStartup = match[1];
});

async function waitForHealth(): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(`${base}/_stand-in/health`);
      if (response.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 30_000) throw new Error("the stand-in did not start within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

try {
  const startupMs = Math.round(await waitForHealth());
  const rssIdle = rssMegabytes(child.pid!);
  const result = await autocannon({
    url: `${base}${NHS_APIS.pds.basePath}/Patient/9000000009`,
    headers: { "x-request-id": "5a0a1a0e-1111-4111-8111-111111111111" },
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
  });
  const rssAfter = rssMegabytes(child.pid!);
  const figures = {
    standInStartupMs: startupMs,
    standInStartupReportedMs: Number(reportedStartup || NaN),
    pdsRetrieveRequestsPerSecond: Math.round(result.requests.average),
    pdsRetrieveLatencyP50Ms: result.latency.p50,
    pdsRetrieveLatencyP99Ms: result.latency.p99,
    pdsRetrieveErrors: result.errors + result.non2xx,
    standInRssIdleMb: rssIdle,
    standInRssAfterLoadMb: rssAfter,
  };
  console.log(`\nStand-in figures (${CONNECTIONS} connections, ${DURATION_SECONDS} s, loopback)`);
  console.table(figures);
  console.log(JSON.stringify(figures));
} finally {
  child.kill("SIGTERM");
}
