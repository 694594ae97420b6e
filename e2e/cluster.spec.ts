import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import type { APIResponse, Response } from "@playwright/test";
import pg from "pg";
import { expect, test, type Page } from "./support/test";
import { auditActionsInDatabase } from "./support/audit";
import { chooseAndWrite, LEEDS_UTC, openReferOrBook, searchServices } from "./support/bars";
import { composeAndPreview, sentWith } from "./support/gp-summary";
import { openRecord, openRecordSection, openSection, signInAsGp, signInAsGpAndSearch } from "./support/journeys";
import { appSettings, type ClusterInstanceInfo, clusterInstances, serversFor } from "./support/servers";
import { clearRequestLog, requestsTo, SANDBOX_URL } from "./support/stand-in";
import { NHS_APIS } from "../lib/nhs/catalogue";
import { POLLER_LEASE } from "../lib/features/gp-summary/mesh-poller";
import { startInstance } from "../tests/cluster";

/**
 * The cluster run (scripts/run-journeys.mjs, E2E_CLUSTER=1): every page through nginx, round robin with no sticky
 * sessions, to two instances of the app on one PostgreSQL, with one stand-in. nginx's test configuration names the
 * instance that answered in X-Upstream (tests/cluster.ts). The journeys run in this order; the last kills one.
 */

/** The instances nginx tried for a response, in order ("127.0.0.1:3510, 127.0.0.1:3511"): the last one answered. */
const upstreamPorts = (upstream: string | undefined) => (upstream ? upstream.split(", ").map((address) => Number(address.split(":").at(-1))) : []);
const upstreamPort = (upstream: string | undefined) => upstreamPorts(upstream).at(-1);

/** Each of the page's responses: the instance that answered, every instance nginx tried, and the status. */
function recordUpstreams(page: Page) {
  const answered: Array<{ method: string; url: string; status: number; port: number; tried: number[] }> = [];
  page.on("response", (response: Response) => {
    const tried = upstreamPorts(response.headers()["x-upstream"]);
    if (tried.length) answered.push({ method: response.request().method(), url: response.url(), status: response.status(), port: tried.at(-1)!, tried });
  });
  return answered;
}

// one cluster for the whole file, and the poller journey restarts an instance the last journey kills: after a failure
// the rest are skipped rather than run against a cluster left in another shape
test.describe.configure({ mode: "serial" });

/** kill -9 an instance, then wait until it no longer answers. */
async function killInstance(instance: ClusterInstanceInfo) {
  process.kill(instance.pid, "SIGKILL");
  await expect
    .poll(() =>
      fetch(instance.origin).then(
        () => "up",
        () => "down",
      ),
    )
    .toBe("down");
}

const PATIENT = "9693632109";
const ports = () => clusterInstances().map((instance) => instance.port);

test("sign in, search, open a record and the SCR with emergency access, served by both instances in turn", async ({ page, request }) => {
  const emergencyAlerts = async () => {
    const { alerts } = (await (await request.get(`${SANDBOX_URL}/_stand-in/scr/alerts`)).json()) as { alerts: Array<{ nhsNumber: string; alertType: string }> };
    return alerts.filter((alert) => alert.nhsNumber === "9000000009" && alert.alertType === "2").length;
  };
  const alertsBefore = await emergencyAlerts();
  const rowsBefore = (await auditActionsInDatabase("9000000009")).length;
  const answered = recordUpstreams(page);
  await signInAsGpAndSearch(page, "9000000009");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
  await openSection(page, "Summary Care Record");
  await page.getByRole("radio", { name: "Emergency access" }).check();
  await page.getByRole("radio", { name: "Patient is unconscious or unable to give permission" }).check();
  await page.getByRole("button", { name: "Continue to the record" }).click();
  await expect(page.getByTestId("scr-allergies")).toContainText("Wasp venom");

  // one session, served by each instance in turn
  expect(new Set(answered.map((entry) => entry.port))).toEqual(new Set(ports()));
  // the emergency access's privacy alert went once, and every access is on the one audit trail
  expect(await emergencyAlerts()).toBe(alertsBefore + 1);
  const rows = (await auditActionsInDatabase("9000000009")).slice(rowsBefore);
  expect(rows.map((row) => [row.action, row.outcome])).toEqual(
    expect.arrayContaining([
      ["patient-search", "data-returned"],
      ["patient-record-view", "data-returned"],
      ["scr-access-basis", "data-returned"],
      ["scr-view", "data-returned"],
    ]),
  );
});

/**
 * Once the page's script runs, the send button is disabled while a send is in flight, so a double click posts
 * once. Before it has loaded (or without it) the form posts natively, and a double click posts twice. The
 * browser's own send is posted twice at once here, through nginx, which hands consecutive requests to the
 * instances in turn.
 */
test("a BaRS referral sent with a double click whose two posts reach different instances goes once", async ({ page }) => {
  await signInAsGp(page);
  await openReferOrBook(page);
  await searchServices(page, "name", "Leeds City Urgent");
  await chooseAndWrite(page, LEEDS_UTC);
  const sendsBefore = (await auditActionsInDatabase(PATIENT)).filter((row) => row.action === "bars-referral-send").length;
  await clearRequestLog(page.request);
  const posted: APIResponse[] = [];
  await page.route(
    (url) => url.pathname === new URL(page.url()).pathname,
    async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      posted.push(...(await Promise.all([0, 1].map(() => page.request.fetch(route.request(), { maxRedirects: 0 })))));
      await route.fulfill({ response: posted[0] });
    },
  );

  await page.getByTestId("send-referral").dblclick();
  await expect(page.getByTestId("referral-sent")).toContainText(`${LEEDS_UTC} has received the referral.`);
  expect(posted.map((response) => response.status())).toEqual([200, 200]);
  expect(new Set(posted.map((response) => upstreamPort(response.headers()["x-upstream"])))).toEqual(new Set(ports()));

  const sends = (await requestsTo(page.request, NHS_APIS.bars.basePath)).filter((entry) => entry.method === "POST");
  expect(sends).toHaveLength(1);
  const audited = (await auditActionsInDatabase(PATIENT)).filter((row) => row.action === "bars-referral-send").slice(sendsBefore);
  expect(audited.map((row) => [row.outcome, row.upstream_request_id])).toEqual([
    ["attempted", sends[0]!.requestId],
    ["sent", sends[0]!.requestId],
  ]);
});

test("signing out through nginx ends the session on both instances", async ({ page }) => {
  await signInAsGpAndSearch(page, "9000000009");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
  const patientPath = new URL(page.url()).pathname;
  const session = (await page.context().cookies(page.url())).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session, "the app's session cookie").toBeDefined();
  /** The record, asked of one instance directly (not through nginx) with the session's cookie. */
  const recordFrom = (origin: string) => fetch(`${origin}${patientPath}`, { headers: { cookie: `${session!.name}=${session!.value}` }, redirect: "manual" });
  for (const { origin } of clusterInstances()) {
    const response = await recordFrom(origin);
    expect(response.status, `the record from ${origin} while signed in`).toBe(200);
    expect(await response.text()).toContain("SMITH");
  }

  // through nginx, which must pass on the redirect to CIS2's end-session with the ID token (a long header)
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signed-out$/);
  for (const { origin } of clusterInstances()) {
    const response = await recordFrom(origin);
    expect(response.status, `the record from ${origin} after signing out`).toBe(307);
    expect(new URL(response.headers.get("location")!, origin).pathname).toBe("/");
    expect(await response.text()).not.toContain("SMITH");
  }
});

/** As the cluster's database administrator (from template1): refuse new connections to the app's database and end its own, or allow them again. */
async function appDatabaseAvailable(available: boolean) {
  const appDatabase = new URL(process.env.DATABASE_URL!);
  const name = appDatabase.pathname.slice(1) || "postgres";
  const admin = new pg.Client({ connectionString: Object.assign(new URL(appDatabase), { pathname: "/template1" }).toString() });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${available}`);
    if (!available) await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
  } finally {
    await admin.end();
  }
}

test("the database goes away mid-journey: no patient data, a plain message with a reference; once it is back, both instances carry on", async ({ page }) => {
  await signInAsGpAndSearch(page, "9000000009");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
  const recordUrl = page.url();
  const session = (await page.context().cookies(recordUrl)).find((cookie) => cookie.name.endsWith("next-auth.session-token"))!;
  /** The record, asked of one instance directly (not through nginx) with the session's cookie. */
  const recordFrom = (origin: string) =>
    fetch(`${origin}${new URL(recordUrl).pathname}`, { headers: { cookie: `${session.name}=${session.value}` }, redirect: "manual" }).then((response) =>
      response.text(),
    );

  await appDatabaseAvailable(false);
  try {
    await page.goto(recordUrl);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Patient records cannot be shown at the moment");
    await expect(page.locator("main")).toContainText("No patient data has been shown.");
    const reference = (await page.getByTestId("error-reference").textContent()) ?? "";
    expect(reference).toMatch(/^[0-9A-F]{10}$/);
    expect(await page.locator("body").textContent()).not.toMatch(/SMITH|9000000009|900 000 0009/);
    // the reference is the one an instance logged, so the service desk can find what happened
    expect(clusterInstances().some((instance) => readFileSync(instance.log, "utf8").includes(reference))).toBe(true);
    for (const { origin } of clusterInstances()) {
      const body = await recordFrom(origin);
      // the error page renders in the browser from the error's digest, the one thing of it Next sends
      expect(body, `the record from ${origin} while the database is away`).toMatch(/"digest\\*":\\*"STORE-UNAVAILABLE-[0-9A-F]{10}/);
      expect(body).not.toMatch(/SMITH|900 000 0009/);
    }
  } finally {
    await appDatabaseAvailable(true);
  }
  // the pools reconnect by themselves: no instance was restarted
  for (const { origin } of clusterInstances()) expect(await recordFrom(origin), `the record from ${origin} once the database is back`).toContain("SMITH");
  await page.goto(recordUrl);
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
});

/** The MESH poller's lease in the shared database: the instance (pid) polling now, and until when. */
async function pollerLease(): Promise<{ pid: number; expiresAt: number } | null> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ holder: string; expires_at: string }>("SELECT holder, expires_at FROM leases WHERE name = $1", [POLLER_LEASE]);
    // the holder is host:pid:uuid (lib/features/gp-summary/start-poller.ts)
    return rows[0] ? { pid: Number(rows[0].holder.split(":")[1]), expiresAt: Number(rows[0].expires_at) } : null;
  } finally {
    await client.end();
  }
}

/** The same instance started again on its port, with the settings the cluster gave it; later journeys see its new pid. */
async function startAgain(instance: ClusterInstanceInfo) {
  const { appOrigin, sandboxOrigin, sandboxPort, dataDir } = serversFor(0);
  const started = await startInstance(instance.port, instance.log, {
    ...process.env,
    ...appSettings(appOrigin, sandboxOrigin, sandboxPort, dataDir),
    DATABASE_URL: process.env.DATABASE_URL,
  });
  restarted.push(started);
  process.env.E2E_CLUSTER_INSTANCES = JSON.stringify(
    clusterInstances().map((each) => (each.port === instance.port ? { origin: started.origin, port: started.port, pid: started.pid, log: started.log } : each)),
  );
}
const restarted: Array<{ stop(): Promise<void> }> = [];
test.afterAll(async () => {
  for (const instance of restarted) await instance.stop();
});

interface Acknowledgements {
  held: number;
  dropped: number;
  inbox: number;
  replies: Array<{ messageId: string; acknowledged: number }>;
}

/**
 * The poller is caught for certain between applying a message and acknowledging it: the stand-in's MESH holds every
 * acknowledgement (and the practice's business acknowledgement) until released. The instance holding the poller's
 * lease is killed there, started again, and whichever instance takes the lease once it runs out carries on.
 */
test("the MESH poller killed (kill -9) between applying an acknowledgement and acknowledging it: nothing lost, nothing applied twice", async ({ page }) => {
  test.setTimeout(180_000);
  const meshSettings = async (data: object) => expect((await page.request.post(`${SANDBOX_URL}/_stand-in/mesh/settings`, { data })).ok()).toBe(true);
  await meshSettings({ holdAcknowledgements: true });
  try {
    await signInAsGp(page);
    await openRecordSection(page, PATIENT, "GP summaries");
    const summaryRef = await composeAndPreview(page, "Poller killed mid-poll");
    const rowsBefore = (await auditActionsInDatabase(PATIENT)).length;
    await page.getByRole("button", { name: "Send to the GP" }).click();
    const row = page.getByTestId("gp-summary-row").filter({ hasText: "Poller killed mid-poll" });
    // applied: the page says delivered (the practice's infrastructure acknowledgement), and its acknowledgement to MESH waits
    await expect(row.getByTestId("gp-summary-state")).toHaveText("Delivered to the practice");
    const [sent] = await sentWith(page.request, summaryRef);
    const acknowledgements = async () =>
      (await (await page.request.get(`${SANDBOX_URL}/_stand-in/mesh/acknowledgements?replyTo=${sent!.messageId}`)).json()) as Acknowledgements;
    await expect.poll(async () => (await acknowledgements()).held).toBeGreaterThan(0);
    expect((await acknowledgements()).replies).toEqual([{ messageId: expect.any(String), acknowledged: 0 }]);

    const lease = await pollerLease();
    const victim = clusterInstances().find((instance) => instance.pid === lease?.pid);
    expect(victim, `the poller's lease (pid ${lease?.pid}) is held by one of the instances`).toBeDefined();
    await killInstance(victim!);
    const droppedBefore = (await acknowledgements()).dropped;
    // the dead poller's acknowledgement is dropped undone; the practice's business acknowledgement now comes
    await meshSettings({ holdAcknowledgements: false });
    expect((await acknowledgements()).dropped).toBeGreaterThan(droppedBefore);
    await startAgain(victim!);

    // through nginx, the clinician sees it reach the end once a poller has the lease again
    await expect(row.getByTestId("gp-summary-state")).toHaveText("Accepted by the practice system", { timeout: 90_000 });
    await expect.poll(async () => (await acknowledgements()).replies.map((reply) => reply.acknowledged)).toEqual([1, 1]);
    expect((await acknowledgements()).inbox).toBe(0);
    expect((await pollerLease())?.pid).not.toBe(victim!.pid);
    const rows = (await auditActionsInDatabase(PATIENT)).slice(rowsBefore);
    expect(rows.filter((entry) => entry.action === "gp-summary-send").map((entry) => entry.outcome)).toEqual(["attempted", "sent"]);
    expect(rows.filter((entry) => entry.action === "gp-summary-status").map((entry) => entry.reason)).toEqual([
      "ITK3 acknowledgement: delivered",
      "ITK3 acknowledgement: accepted",
    ]);
    expect(await sentWith(page.request, summaryRef)).toHaveLength(1);
  } finally {
    await meshSettings({ holdAcknowledgements: false });
  }
});

test("kill -9 one instance mid-journey: the clinician carries on through the other, every access is audited and the trail verifies", async ({ page }) => {
  const answered = recordUpstreams(page);
  await signInAsGp(page);
  await openRecord(page, PATIENT);
  await page.waitForLoadState("networkidle");
  const [victim, survivor] = clusterInstances();
  await killInstance(victim!);
  const fromKill = answered.length;
  const rowsBefore = (await auditActionsInDatabase(PATIENT)).length;

  await openSection(page, "Summary Care Record");
  await page.getByRole("radio", { name: "I have a legitimate relationship with the patient" }).check();
  await page.getByRole("button", { name: "Continue to the record" }).click();
  await expect(page.getByTestId("scr-allergies")).toContainText("Penicillin");
  await openSection(page, "Prescriptions");
  await expect(page.getByRole("link", { name: /^View prescription / }).first()).toBeVisible();
  await openSection(page, "Patient details");
  await expect(page.getByTestId("patient-name")).toBeVisible();

  const afterKill = answered.slice(fromKill);
  // nginx met the dead instance, passed the request on, and everything was answered by the other
  expect(afterKill.length).toBeGreaterThan(3);
  expect(afterKill.every((entry) => entry.port === survivor!.port && entry.status < 500)).toBe(true);
  expect(afterKill.some((entry) => entry.tried.includes(victim!.port))).toBe(true);

  const rows = (await auditActionsInDatabase(PATIENT)).slice(rowsBefore);
  for (const action of ["scr-access-basis", "scr-view", "prescriptions-view", "patient-record-view"])
    expect(rows, `${action} audited`).toContainEqual(expect.objectContaining({ action, outcome: "data-returned" }));

  const verified = await promisify(execFile)("node_modules/.bin/tsx", ["scripts/verify-audit.mts", process.env.DATABASE_URL!]);
  expect(verified.stdout).toContain("Audit trail intact");
});
