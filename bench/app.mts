/**
 * The app's figures on this machine, against the stand-in, from the production build:
 *   1. record page: every upstream delayed by D, time until every section is present, divided by D;
 *   2. BFF overhead: a patient page through the app versus PDS straight from the stand-in (p50, p95, req/s);
 *   3. load: simulated clinicians (search, open record, open SCR, prescriptions) for a while, with
 *      errors, p95 per step and the app's memory over time;
 *   4. first-load JavaScript per route, gzipped, against the budget;
 *   5. cluster: part 3's load through nginx to two instances on one PostgreSQL (tests/cluster.ts, the
 *      repository's nginx site over TLS, round robin), beside part 3's one instance on SQLite.
 *   6. server CPU per page: the app process's CPU time (user + system) divided by the requests it served,
 *      10 connections on one page at a time, for a record tab (Referrals) and the record overview;
 *   7. the framework's floor: the same two figures (CPU per page, first-load JavaScript) for an empty page
 *      of an app with nothing of this one's (bench/framework-floor: Next, React and a proxy), beside the
 *      app's own lightest page (signed out), so parts 4 and 6 can be read as the framework's share and ours.
 * Prints a table per part, then one line of JSON.
 *   npm run bench                                     (builds first)
 *   BENCH_PARTS=record npx tsx bench/app.mts          (one part, on the last build)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { baseUrlSettingsFor } from "../lib/config/apis";
import { NHS_APIS } from "../lib/nhs/catalogue";
import { startCluster } from "../tests/cluster";

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3300);
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 9300);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 300);
const CLINICIANS = Number(process.env.BENCH_CLINICIANS ?? 50);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 120);
const BFF_SECONDS = Number(process.env.BENCH_BFF_SECONDS ?? 10);
const MEMORY_SAMPLE_SECONDS = 15;
const WARM_UP_SECONDS = 30;
const BUDGET_KB = 150;
const CPU_SECONDS = Number(process.env.BENCH_CPU_SECONDS ?? 15);
const RECORD_RUNS = 5;
// a subset while working on one figure, e.g. BENCH_PARTS=record; the JSON line needs them all
const PARTS = new Set((process.env.BENCH_PARTS ?? "record,bff,cpu,js,floor,load,cluster").split(","));
const app = `http://localhost:${APP_PORT}`;
const standIn = `http://localhost:${SANDBOX_PORT}`;
const PATIENT = "9693632109";

const FAULT_TARGETS = ["pds", "scr", "eps", "ers", "immunisation", "nrl", "ods", "service-search"];

const DATA_DIR = `.data/bench/${Date.now()}`;
const MEMORY_FILE = resolve(`${DATA_DIR}/memory.jsonl`);

/** The app's and stand-in's settings for an app origin (where CIS2 sends the browser back) and a stand-in. */
const settingsFor = (appOrigin: string, sandboxOrigin: string, sandboxPort: number) => ({
  NEXT_TELEMETRY_DISABLED: "1",
  APP_BASE_URL: appOrigin,
  CIS2_ISSUER: `${sandboxOrigin}/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare`,
  ...baseUrlSettingsFor(sandboxOrigin),
  NRL_DOCUMENT_ORIGINS: sandboxOrigin,
  ERS_ATTACHMENT_ORIGINS: sandboxOrigin,
  APIM_TOKEN_URL: `${sandboxOrigin}/oauth2/token`,
  SANDBOX_PORT: String(sandboxPort),
  MOCK_CIS2_APP_BASE_URL: appOrigin,
  SANDBOX_REQUEST_LOG: "off",
  LOG_LEVEL: "error",
  // the load is the point here: pausing calls would hide it
  NHS_API_CIRCUIT_FAILURES: "1000",
  // the bench's clinicians are one CIS2 test user; the per-user limits would measure themselves, not the app
  RATE_LIMIT_SEARCHES_PER_MINUTE: "100000",
  RATE_LIMIT_SCR_PER_MINUTE: "100000",
});

const env = { ...process.env, ...settingsFor(app, standIn, SANDBOX_PORT), APP_DATA_DIR: DATA_DIR, BENCH_MEMORY_FILE: MEMORY_FILE };

const children: ChildProcess[] = [];
function start(command: string, args: string[]) {
  const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
}

async function waitFor(url: string, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(url, { redirect: "manual" })).status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function rssMb(pid: number): number {
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  return Math.round(kilobytes / 102.4) / 10;
}

/** The app's memory just after a full garbage collection (see memory-probe.mjs): what it really holds. */
async function liveMemory(pid: number): Promise<{ rssMb: number; heapMb: number }> {
  const lines = () => (existsSync(MEMORY_FILE) ? readFileSync(MEMORY_FILE, "utf8").trim().split("\n").filter(Boolean) : []);
  const before = lines().length;
  process.kill(pid, "SIGUSR2");
  const deadline = Date.now() + 60_000;
  while (lines().length === before) {
    if (Date.now() > deadline) throw new Error("the app did not report its memory");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const sample = JSON.parse(lines().at(-1)!) as { rss: number; heapUsed: number };
  return { rssMb: Math.round(sample.rss / 104857.6) / 10, heapMb: Math.round(sample.heapUsed / 104857.6) / 10 };
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};

async function faults(method: "POST" | "DELETE", body?: unknown) {
  await fetch(`${standIn}/_stand-in/faults`, { method, ...(body ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}) });
}

/** Signs in as the GP through the mock CIS2, opens the patient and confirms a basis for their SCR. */
async function signIn(context: BrowserContext, origin = app): Promise<{ page: Page; ref: string }> {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByRole("button", { name: "Sign in with NHS CIS2" }).click();
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel("Username").fill("656005750104");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("radio", { name: /Clinical Practitioner Access Role/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("NHS number").fill(PATIENT);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByTestId("patient-banner").waitFor();
  const ref = /\/patient\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await page.goto(`${origin}/patient/${ref}/summary-care-record`);
  await page.getByRole("radio", { name: "I have a legitimate relationship with the patient" }).check();
  await page.getByRole("button", { name: "Continue to the record" }).click();
  await page.getByTestId("scr-record").waitFor();
  return { page, ref };
}

async function cookieHeader(context: BrowserContext, origin = app) {
  return (await context.cookies(origin)).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

interface UpstreamCall {
  route: string;
  arrivedAt: string;
  at: string;
}

const SOURCES = ["scr", "eps", "immunisation", "nrl"];

/**
 * Installed before the page's own scripts: notes, on the page's clock (0 = navigation start), when
 * every source row of the record is in the document and none is still loading. Measured in the page
 * so that the figure is when the sections appeared, not when the test runner next looked. A string,
 * because the bench's compiler would add helpers to a function that the page does not have.
 */
const watchForSections = `(() => {
  const sources = ${JSON.stringify(SOURCES)};
  const done = () => sources.every((source) => document.querySelector('[data-testid="timeline-source-' + source + '"]:not([data-state="loading"])'));
  const observer = new MutationObserver(() => {
    if (!done()) return;
    window.sectionsPresentAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

async function recordPageRatio(context: BrowserContext, ref: string) {
  for (const target of FAULT_TARGETS) await faults("POST", { target, kind: "latency", latencyMs: DELAY_MS });
  const runs: Array<{ sectionsMs: number; firstByteMs: number; loadMs: number }> = [];
  let waterfall: Array<{ call: string; startMs: number; endMs: number }> = [];
  const page = await context.newPage();
  await page.addInitScript(watchForSections);
  try {
    for (let run = 0; run < RECORD_RUNS; run += 1) {
      await fetch(`${standIn}/_stand-in/requests`, { method: "DELETE" });
      const startedAt = Date.now();
      await page.goto(`${app}/patient/${ref}`);
      await page.waitForFunction(() => (window as unknown as { sectionsPresentAt?: number }).sectionsPresentAt !== undefined);
      const measured = await page.evaluate(() => {
        const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
        return {
          sectionsMs: (window as unknown as { sectionsPresentAt: number }).sectionsPresentAt,
          firstByteMs: navigation!.responseStart,
          loadMs: navigation!.loadEventEnd,
        };
      });
      runs.push({ sectionsMs: Math.round(measured.sectionsMs), firstByteMs: Math.round(measured.firstByteMs), loadMs: Math.round(measured.loadMs) });
      // which upstream calls the page made, and when, relative to the navigation: parallel calls start together
      const { requests } = (await (await fetch(`${standIn}/_stand-in/requests`)).json()) as { requests: UpstreamCall[] };
      waterfall = requests
        .filter((request) => !request.route.startsWith("/_stand-in"))
        .map((request) => ({ call: request.route, startMs: Date.parse(request.arrivedAt) - startedAt, endMs: Date.parse(request.at) - startedAt }))
        .sort((a, b) => a.startMs - b.startMs);
    }
  } finally {
    await faults("DELETE");
    await page.close();
  }
  const median = percentile(
    runs.map((run) => run.sectionsMs),
    50,
  );
  return { ratio: Math.round((median / DELAY_MS) * 100) / 100, medianMs: median, runs, waterfall };
}

async function bffOverhead(cookie: string, ref: string) {
  const viaApp = await autocannon({ url: `${app}/patient/${ref}/referrals`, headers: { cookie }, connections: 10, duration: BFF_SECONDS });
  const direct = await autocannon({
    url: `${standIn}${NHS_APIS.pds.basePath}/Patient/${PATIENT}`,
    headers: { "x-request-id": crypto.randomUUID() },
    connections: 10,
    duration: BFF_SECONDS,
  });
  return {
    appP50Ms: viaApp.latency.p50,
    appP95Ms: viaApp.latency.p97_5,
    appRequestsPerSecond: Math.round(viaApp.requests.average),
    appErrors: viaApp.errors + viaApp.non2xx,
    standInP50Ms: direct.latency.p50,
    standInP95Ms: direct.latency.p97_5,
    standInRequestsPerSecond: Math.round(direct.requests.average),
  };
}

/**
 * JavaScript per route, gzipped. First load is what the page's HTML names (its script tags and the
 * client components its streamed content needs), which is what must arrive before the page works;
 * "all" adds what components fetch for themselves after the page is interactive (nhsuk-react-components
 * loads the design system's own script that way).
 */
async function firstLoadJs(
  context: BrowserContext,
  ref: string,
): Promise<{ sizes: Record<string, { firstLoadKb: number; allKb: number }>; recordPageScripts: Array<{ script: string; kb: number; inHtml?: boolean }> }> {
  const routes = [
    "/find-patient",
    `/patient/${ref}`,
    `/patient/${ref}/details`,
    `/patient/${ref}/summary-care-record`,
    `/patient/${ref}/prescriptions`,
    `/patient/${ref}/referrals`,
    `/patient/${ref}/referrals/refer`,
    `/patient/${ref}/immunisations`,
    `/patient/${ref}/documents`,
  ];
  const sizes: Record<string, { firstLoadKb: number; allKb: number }> = {};
  let recordPageScripts: Array<{ script: string; kb: number }> = [];
  for (const route of routes) {
    const { firstLoadKb, allKb, scripts } = await scriptsOf(context, `${app}${route}`);
    sizes[route.replace(ref, "[ref]")] = { firstLoadKb, allKb };
    if (route === `/patient/${ref}${process.env.BENCH_JS_SCRIPTS_OF ?? ""}`) recordPageScripts = scripts.sort((a, b) => b.kb - a.kb);
  }
  return { sizes, recordPageScripts };
}

/** The scripts one page loads, each gzipped, and whether its HTML names it (first load) or a component fetched it. */
async function scriptsOf(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const scripts: Array<{ script: string; kb: number; inHtml?: boolean }> = [];
  const pending: Array<Promise<void>> = [];
  // gzipped here, so the figure does not depend on whether the server compressed the response
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    const script = new URL(response.url()).pathname;
    pending.push(
      response
        .body()
        .then((body) => void scripts.push({ script, kb: Math.round(gzipSync(body).length / 102.4) / 10 }))
        .catch(() => undefined),
    );
  });
  const documentResponse = await page.goto(url, { waitUntil: "networkidle" });
  await Promise.all(pending);
  const html = (await documentResponse?.text()) ?? "";
  for (const entry of scripts) entry.inHtml = html.includes(entry.script);
  await page.close();
  const sum = (entries: Array<{ kb: number }>) => Math.round(entries.reduce((total, entry) => total + entry.kb, 0) * 10) / 10;
  return { firstLoadKb: sum(scripts.filter((entry) => entry.inHtml)), allKb: sum(scripts), scripts };
}

/** CPU time the process has used so far (user + system), in ms, from /proc: the app is another process. */
function cpuMs(pid: number): number {
  // the command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * What the server spends per page, far steadier than latency on a shared machine: the app's CPU time
 * under 10 connections on one page, divided by the requests it answered. A short run first warms it up.
 */
async function cpuPerPage(cookie: string, url: string, appPid: number) {
  await autocannon({ url, headers: { cookie }, connections: 10, duration: 3 });
  const before = cpuMs(appPid);
  const result = await autocannon({ url, headers: { cookie }, connections: 10, duration: CPU_SECONDS });
  const used = cpuMs(appPid) - before;
  return {
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
    cpuMsPerRequest: Math.round((used / Math.max(result.requests.total, 1)) * 10) / 10,
    requestsPerSecond: Math.round(result.requests.average),
  };
}

interface MemorySample {
  /** under load, just after the clinicians stop, or after 5 s idle */
  phase: "load" | "end" | "after";
  atSeconds: number;
  /** Resident memory as the load runs, before any collection. */
  rssMb: number;
  /** Heap still in use just after a full collection: what the app really holds. */
  liveHeapMb: number;
  rssAfterGcMb: number;
}

/** Least-squares slope of live heap against time, in MB per minute: near 0 means no growth trend. */
function heapTrendMbPerMinute(samples: MemorySample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanX = samples.reduce((sum, s) => sum + s.atSeconds, 0) / n;
  const meanY = samples.reduce((sum, s) => sum + s.liveHeapMb, 0) / n;
  const covariance = samples.reduce((sum, s) => sum + (s.atSeconds - meanX) * (s.liveHeapMb - meanY), 0);
  const variance = samples.reduce((sum, s) => sum + (s.atSeconds - meanX) ** 2, 0);
  return Math.round((covariance / variance) * 60 * 100) / 100;
}

interface Step {
  name: string;
  run: (cookie: string, ref: string) => Promise<number>;
}

interface Client {
  agent: HttpAgent;
  request: typeof httpRequest;
}

/**
 * One request with keep-alive connections, read to the end; its status. node:http(s) rather than fetch, so that
 * both load parts use one client and the cluster's can trust nginx's certificate for the run.
 */
function timed(client: Client, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const request = client.request(url, { method: init.method ?? "GET", headers: init.headers, agent: client.agent }, (response) => {
      response.resume();
      response.once("end", () => resolveStatus(response.statusCode ?? 0));
      response.once("error", reject);
    });
    request.once("error", reject);
    request.end(init.body);
  });
}

type Search = { url: string; headers: Record<string, string>; body: string };

/** A search as the browser sends it (a server action), to be replayed by each clinician with their own session. */
async function captureSearch(page: Page, origin: string): Promise<Search> {
  const searchPost = page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await page.goto(`${origin}/find-patient`);
  await page.getByLabel("NHS number").fill(PATIENT);
  await page.getByRole("button", { name: "Search" }).click();
  const searchRequest = await searchPost;
  const { cookie: _ignored, ...searchHeaders } = searchRequest.headers();
  return { url: searchRequest.url(), headers: searchHeaders, body: searchRequest.postData() ?? "" };
}

/** CLINICIANS sessions of their own, signed in five at a time. */
async function signInClinicians(browser: Browser, origin: string): Promise<Array<{ cookie: string; ref: string }>> {
  console.log(`\nSigning in ${CLINICIANS} clinicians at ${origin}…`);
  const sessions: Array<{ cookie: string; ref: string }> = [];
  for (let batch = 0; batch < CLINICIANS; batch += 5) {
    const signedIn = await Promise.all(
      Array.from({ length: Math.min(5, CLINICIANS - batch) }, async () => {
        const context = await browser.newContext({ ignoreHTTPSErrors: origin.startsWith("https:") });
        const session = await signIn(context, origin);
        const result = { cookie: await cookieHeader(context, origin), ref: session.ref };
        await context.close();
        return result;
      }),
    );
    sessions.push(...signedIn);
  }
  return sessions;
}

/** The clinicians' loop for LOAD_SECONDS against origin; the app's memory sampled too when its pid is given. */
async function load(origin: string, client: Client, contexts: Array<{ cookie: string; ref: string }>, search: Search, appPid: number | null) {
  const steps: Step[] = [
    { name: "search", run: (cookie) => timed(client, search.url, { method: "POST", headers: { ...search.headers, cookie }, body: search.body }) },
    { name: "open record", run: (cookie, ref) => timed(client, `${origin}/patient/${ref}`, { headers: { cookie } }) },
    { name: "open SCR", run: (cookie, ref) => timed(client, `${origin}/patient/${ref}/summary-care-record`, { headers: { cookie } }) },
    { name: "prescriptions", run: (cookie, ref) => timed(client, `${origin}/patient/${ref}/prescriptions`, { headers: { cookie } }) },
  ];
  const latencies: Record<string, number[]> = Object.fromEntries(steps.map((step) => [step.name, []]));
  let errors = 0;
  let requests = 0;
  const started = Date.now();
  const memory: MemorySample[] = [];
  const sample = async (phase: MemorySample["phase"] = "load") => {
    if (appPid === null) return;
    const rssUnderLoad = rssMb(appPid);
    const live = await liveMemory(appPid);
    memory.push({ phase, atSeconds: Math.round((Date.now() - started) / 1000), rssMb: rssUnderLoad, liveHeapMb: live.heapMb, rssAfterGcMb: live.rssMb });
  };
  await sample();
  const sampler = setInterval(
    () => void sample().catch((error: unknown) => console.error(`memory sample failed: ${String(error)}`)),
    MEMORY_SAMPLE_SECONDS * 1000,
  );
  const deadline = Date.now() + LOAD_SECONDS * 1000;
  await Promise.all(
    contexts.map(async ({ cookie, ref }) => {
      while (Date.now() < deadline) {
        for (const step of steps) {
          const started = performance.now();
          try {
            const status = await step.run(cookie, ref);
            if (status >= 400) errors += 1;
          } catch {
            errors += 1;
          }
          latencies[step.name]!.push(performance.now() - started);
          requests += 1;
        }
      }
    }),
  );
  clearInterval(sampler);
  await sample("end");
  // idle for a moment, as between clinics: what the app holds once the load has gone
  const seconds = (Date.now() - started) / 1000;
  if (appPid !== null) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await sample("after");
  }
  return { latencies, errors, requests, memory, requestsPerSecond: Math.round(requests / seconds) };
}

const p95ByStep = (latencies: Record<string, number[]>) =>
  Object.fromEntries(Object.entries(latencies).map(([step, values]) => [step, percentile(values, 95)]));

function printSteps(latencies: Record<string, number[]>) {
  console.table(
    Object.fromEntries(
      Object.entries(latencies).map(([step, values]) => [step, { requests: values.length, p50Ms: percentile(values, 50), p95Ms: percentile(values, 95) }]),
    ),
  );
}

/**
 * Part 3's clinicians and steps through nginx (https, round robin, no sticky sessions) to two instances of the
 * build on one throwaway PostgreSQL, with a stand-in of its own: the deployment a trust runs.
 */
async function clusterLoad(browser: Browser) {
  const sandboxPort = SANDBOX_PORT + 20;
  const cluster = await startCluster({
    httpsPort: APP_PORT + 20,
    httpPort: APP_PORT + 21,
    instancePorts: [APP_PORT + 30, APP_PORT + 31],
    sandboxPort,
    dataDir: resolve(`${DATA_DIR}/cluster`),
    environment: (appOrigin, sandboxOrigin) => ({ ...settingsFor(appOrigin, sandboxOrigin, sandboxPort), APP_DATA_DIR: resolve(`${DATA_DIR}/cluster`) }),
  });
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const { page } = await signIn(context, cluster.origin);
    const search = await captureSearch(page, cluster.origin);
    await context.close();
    const sessions = await signInClinicians(browser, cluster.origin);
    const client = { agent: new HttpsAgent({ keepAlive: true, ca: cluster.certificate }), request: httpsRequest };
    const result = await load(cluster.origin, client, sessions, search, null);
    // which instance answered each request, from nginx's access log
    const byInstance: Record<string, number> = {};
    for (const line of readFileSync(cluster.accessLog, "utf8").split("\n")) {
      const upstream = /upstream=(\S+)$/.exec(line)?.[1];
      if (upstream) byInstance[upstream] = (byInstance[upstream] ?? 0) + 1;
    }
    const p95 = p95ByStep(result.latencies);
    console.log(
      `\n5. ${CLINICIANS} clinicians for ${LOAD_SECONDS} s through nginx, two instances on PostgreSQL: ${result.requests} requests, ${result.errors} errors`,
    );
    printSteps(result.latencies);
    console.log("Requests each instance answered (nginx's access log, sign-ins included):");
    console.table(byInstance);
    return {
      clusterLoadErrors: result.errors,
      clusterLoadP95Ms: Math.max(...Object.values(p95)),
      clusterLoadP95MsByStep: p95,
      clusterLoadRequestsPerSecond: result.requestsPerSecond,
    };
  } finally {
    await cluster.stop();
  }
}

const FLOOR_DIR = "bench/framework-floor";
const FLOOR_PORT = APP_PORT + 40;

/** Builds the empty app when its build is missing or older than the installed Next (a stale floor would flatter or wrong us). */
async function buildFloorApp() {
  const nextInstalled = statSync("node_modules/next/package.json").mtimeMs;
  if (existsSync(`${FLOOR_DIR}/.next/BUILD_ID`) && statSync(`${FLOOR_DIR}/.next/BUILD_ID`).mtimeMs > nextInstalled) return;
  const build = spawn(process.execPath, ["node_modules/next/dist/bin/next", "build", FLOOR_DIR], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_SKIP_TYPECHECK: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const code = await new Promise<number | null>((done) => build.on("close", done));
  if (code !== 0) throw new Error(`building ${FLOOR_DIR} failed (exit ${code})`);
}

/** Part 7: the framework's own floor, an empty page of an app with none of this one's code, measured as parts 4 and 6 measure. */
async function frameworkFloor(context: BrowserContext) {
  await buildFloorApp();
  const url = `http://localhost:${FLOOR_PORT}/`;
  await ensureFree(url);
  const floorApp = start(process.execPath, ["node_modules/next/dist/bin/next", "start", FLOOR_DIR, "--port", String(FLOOR_PORT)]);
  try {
    await waitFor(url);
    const cpu = await cpuPerPage("", url, floorApp.pid!);
    const js = await scriptsOf(context, url);
    return { cpu, firstLoadKb: js.firstLoadKb };
  } finally {
    floorApp.kill("SIGTERM");
  }
}

/** A bench that measured a leftover app from an earlier run would print someone else's figures. */
async function ensureFree(url: string) {
  const answered = await fetch(url, { redirect: "manual" }).then(
    () => true,
    () => false,
  );
  if (answered) throw new Error(`${url} is already in use; stop whatever is listening there first`);
}

async function main() {
  await ensureFree(app);
  await ensureFree(standIn);
  start(process.execPath, [".local/sandbox/main.mjs"]);
  await waitFor(`${standIn}/_stand-in/health`);
  const appProcess = start(process.execPath, [
    // e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=.data/profiles" to profile the app under the bench
    ...(process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    "--expose-gc",
    "--import",
    "./bench/memory-probe.mjs",
    "node_modules/next/dist/bin/next",
    "start",
    "--port",
    String(APP_PORT),
  ]);
  await waitFor(app);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium-headless-shell",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const first = await browser.newContext();
    const { page, ref } = await signIn(first);

    const figures: Record<string, number | Record<string, number>> = {};
    if (PARTS.has("record")) {
      const record = await recordPageRatio(first, ref);
      console.log(`\n1. Record page with every upstream delayed by ${DELAY_MS} ms: time until every section is in the page, on the page's clock`);
      console.table(record.runs);
      console.table({ medianMs: record.medianMs, ratio: record.ratio, goal: 1.15 });
      console.log("Upstream calls in the last run (ms from the start of navigation):");
      console.table(record.waterfall);
      figures.recordPageRatio = record.ratio;
    }

    if (PARTS.has("bff")) {
      const bff = await bffOverhead(await cookieHeader(first), ref);
      console.log(`\n2. BFF overhead: the app's patient page versus PDS straight from the stand-in (10 connections, ${BFF_SECONDS} s each)`);
      console.table(bff);
      // the stand-in answers in under a millisecond at p50; a floor of 1 ms keeps the ratio finite
      figures.bffLatencyRatioP50 = Math.round((bff.appP50Ms / Math.max(bff.standInP50Ms, 1)) * 100) / 100;
      figures.bffThroughputRatio = Math.round((bff.appRequestsPerSecond / Math.max(bff.standInRequestsPerSecond, 1)) * 1000) / 1000;
    }

    if (PARTS.has("cpu")) {
      const cookie = await cookieHeader(first);
      // BENCH_CPU_PAGES=referrals (or overview) measures one, e.g. to profile it alone; a path ("/signed-out",
      // "/patient/{ref}/details") adds that page, to compare against the framework's own floor
      const cpuPages = (process.env.BENCH_CPU_PAGES ?? "referrals,overview").split(",");
      const noRun = { requests: 0, errors: 0, cpuMsPerRequest: 0, requestsPerSecond: 0 };
      const measure = (path: string) => cpuPerPage(cookie, `${app}${path}`, appProcess.pid!);
      const cpu: Record<string, typeof noRun> = {
        referrals: cpuPages.includes("referrals") ? await measure(`/patient/${ref}/referrals`) : noRun,
        overview: cpuPages.includes("overview") ? await measure(`/patient/${ref}`) : noRun,
      };
      for (const path of cpuPages.filter((page) => page.startsWith("/"))) cpu[path] = await measure(path.replace("{ref}", ref));
      console.log(
        `\n5. Server CPU per page: the app's CPU time divided by requests (10 connections, ${CPU_SECONDS} s each; goal 5 ms a tab, 10 ms the overview)`,
      );
      console.table(cpu);
      figures.cpuMsPerTab = cpu.referrals!.cpuMsPerRequest;
      figures.cpuMsPerOverview = cpu.overview!.cpuMsPerRequest;
      figures.cpuErrors = cpu.referrals!.errors + cpu.overview!.errors;
    }

    let patientPagesJs: number | null = null;
    if (PARTS.has("js")) {
      const { sizes: js, recordPageScripts } = await firstLoadJs(first, ref);
      console.log(`\n4. First-load JavaScript per route (gzipped kB; budget ${BUDGET_KB} kB for patient pages)`);
      console.table(Object.fromEntries(Object.entries(js).map(([route, size]) => [route, { ...size, withinBudget: size.firstLoadKb <= BUDGET_KB }])));
      console.log("Scripts the record page loads (gzipped kB):");
      console.table(recordPageScripts);
      patientPagesJs = Math.max(
        ...Object.entries(js)
          .filter(([route]) => route.startsWith("/patient"))
          .map(([, size]) => size.firstLoadKb),
      );
    }

    if (PARTS.has("load")) {
      const search = await captureSearch(page, app);
      const sessions = await signInClinicians(browser, app);
      const result = await load(app, { agent: new HttpAgent({ keepAlive: true }), request: httpRequest }, sessions, search, appProcess.pid!);
      const p95 = p95ByStep(result.latencies);
      console.log(`\n3. ${CLINICIANS} clinicians for ${LOAD_SECONDS} s, one instance on SQLite: ${result.requests} requests, ${result.errors} errors`);
      printSteps(result.latencies);
      console.log(`App memory every ${MEMORY_SAMPLE_SECONDS} s, then at the end and after 5 s idle (live heap measured just after a full collection):`);
      console.table(result.memory);
      const warmedUp = result.memory.filter((entry) => entry.phase === "load" && entry.atSeconds >= WARM_UP_SECONDS);
      const trend = heapTrendMbPerMinute(warmedUp);
      const rssGrowth = Math.round((warmedUp.at(-1)!.rssAfterGcMb - warmedUp[0]!.rssAfterGcMb) * 10) / 10;
      console.log(
        `Under load, after ${WARM_UP_SECONDS} s warm-up: live heap trend ${trend} MB per minute; resident memory ${warmedUp[0]!.rssAfterGcMb} → ${warmedUp.at(-1)!.rssAfterGcMb} MB (${rssGrowth} MB)`,
      );
      figures.loadErrors = result.errors;
      figures.loadP95Ms = Math.max(...Object.values(p95));
      figures.loadP95MsByStep = p95;
      figures.loadRequestsPerSecond = result.requestsPerSecond;
      // growth under sustained load: the end of the run against the end of warm-up, both just after a collection
      figures.appRssGrowthMb = rssGrowth;
      figures.appLiveHeapTrendMbPerMinute = trend;
    }
    if (PARTS.has("floor")) {
      const floor = await frameworkFloor(first);
      const appFloor = await cpuPerPage(await cookieHeader(first), `${app}/signed-out`, appProcess.pid!);
      console.log(`\n7. The framework's floor: an empty Next page behind a proxy (${FLOOR_DIR}), beside this app's lightest page, signed in`);
      console.table({
        "empty Next page": { cpuMsPerRequest: floor.cpu.cpuMsPerRequest, firstLoadKb: floor.firstLoadKb, errors: floor.cpu.errors },
        "this app, signed out page": { cpuMsPerRequest: appFloor.cpuMsPerRequest, firstLoadKb: null, errors: appFloor.errors },
      });
      figures.cpuMsFrameworkFloor = floor.cpu.cpuMsPerRequest;
      figures.cpuMsAppLightestPage = appFloor.cpuMsPerRequest;
      figures.firstLoadJsKbFrameworkFloor = floor.firstLoadKb;
    }

    if (PARTS.has("cluster")) Object.assign(figures, await clusterLoad(browser));
    if (patientPagesJs !== null) figures.firstLoadJsKb = patientPagesJs;
    console.log(JSON.stringify(figures));
  } finally {
    await browser.close();
    for (const child of children) child.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  for (const child of children) child.kill("SIGTERM");
  process.exit(1);
});
