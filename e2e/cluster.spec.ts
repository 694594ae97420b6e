import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { APIResponse } from "@playwright/test";
import { expect, test, type Page, type Response } from "./support/test";
import { auditActionsInDatabase } from "./support/audit";
import { chooseAndWrite, LEEDS_UTC, openReferOrBook, searchServices } from "./support/bars";
import { openRecord, openSection, signInAsGp, signInAsGpAndSearch } from "./support/journeys";
import { clusterInstances } from "./support/servers";
import { clearRequestLog, requestsTo, SANDBOX_URL } from "./support/stand-in";
import { NHS_APIS } from "../lib/nhs/catalogue";

/**
 * The cluster run (scripts/run-journeys.mjs, E2E_CLUSTER=1): every page through nginx, round robin with no sticky
 * sessions, to two instances of the app on one PostgreSQL, with one stand-in. nginx's test configuration names the
 * instance that answered in X-Upstream (tests/cluster.ts). The journeys run in this order; the last kills one.
 */

/** After a failed attempt nginx names every instance it tried, "127.0.0.1:3510, 127.0.0.1:3511": the last one answered. */
const upstreamPort = (upstream: string | undefined) => Number(upstream?.split(", ").at(-1)?.split(":").at(-1)) || undefined;

/** The instance's port each of the page's responses came from, as nginx names it, with the request's method. */
function recordUpstreams(page: Page) {
  const answered: Array<{ method: string; url: string; port: number }> = [];
  const listener = (response: Response) => {
    const port = upstreamPort(response.headers()["x-upstream"]);
    if (port) answered.push({ method: response.request().method(), url: response.url(), port });
  };
  page.on("response", listener);
  return answered;
}

const PATIENT = "9693632109";
const ports = () => clusterInstances().map((instance) => instance.port);

test("sign in, search, open a record and the SCR with emergency access, served by both instances in turn", async ({ page, request }) => {
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
  const { alerts } = (await (await request.get(`${SANDBOX_URL}/_stand-in/scr/alerts`)).json()) as { alerts: Array<{ nhsNumber: string; alertType: string }> };
  expect(alerts.filter((alert) => alert.nhsNumber === "9000000009").map((alert) => alert.alertType)).toEqual(["2"]);
  const rows = await auditActionsInDatabase("9000000009");
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
