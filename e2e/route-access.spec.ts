import { randomUUID } from "node:crypto";
import { expect, test } from "./support/test";
import { expectAccessible } from "./support/axe";
import { auditActions } from "./support/audit";
import { clearRequestLog, requestsTo } from "./support/stand-in";
import { apiForPath } from "../lib/nhs/catalogue";
import { ROUTE_MANIFEST } from "../lib/routes";
import { APP_ORIGIN, chooseRole, openRecord, signInAs, signInAsGp, USERS } from "./support/journeys";

/** Every page and route handler, from the route manifest (whose unit test holds it to app/): a new route is checked here too. */
const allRoutes = () => ROUTE_MANIFEST.map(({ pattern, kind }) => ({ pattern, kind }));

/** Open to anyone: the start page, sign-in's own routes, the signed-out, sign-in error and too-many-requests pages, the public key set and the health checks. */
const PUBLIC = new Set([
  "/",
  "/signed-out",
  "/auth/error",
  "/auth/refused",
  "/too-many-requests",
  "/.well-known/jwks.json",
  "/api/health/live",
  "/api/health/ready",
  "/api/auth/[...nextauth]",
]);

const fill = (pattern: string) => pattern.replace(/\[\.\.\.[^\]]+\]/g, "session").replace(/\[[^\]]+\]/g, () => crypto.randomUUID());

test("every route, signed out: sent to the start page or refused, never data and never a server error", async ({ playwright }) => {
  const routes = allRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(35);
  const anonymous = await playwright.request.newContext({ baseURL: APP_ORIGIN });
  const problems: string[] = [];
  try {
    for (const { pattern, kind } of routes.filter((route) => !PUBLIC.has(route.pattern))) {
      const url = fill(pattern);
      for (const method of kind === "handler" ? ["GET", "POST"] : ["GET"]) {
        const response = await anonymous.fetch(url, { method, maxRedirects: 0, headers: method === "POST" ? { origin: APP_ORIGIN } : {} });
        const status = response.status();
        const location = response.headers().location ?? "";
        const toStart = [302, 303, 307, 308].includes(status) && new URL(location, APP_ORIGIN).pathname === "/";
        const refused = [401, 403, 404, 405].includes(status);
        // ending a session that does not exist is a no-op, and says nothing; signing out without one lands signed out
        const harmless =
          (method === "POST" && pattern === "/api/session/end" && status === 204 && (await response.body()).length === 0) ||
          (method === "POST" && pattern === "/api/session/sign-out" && status === 303 && new URL(location).pathname === "/signed-out");
        if (!toStart && !refused && !harmless) problems.push(`${method} ${pattern}: ${status} ${location}`);
      }
    }
  } finally {
    await anonymous.dispose();
  }
  expect(problems).toEqual([]);
});

test("a role without the right is refused with 403: the access audit and its export are for Privacy Officers only", async ({ page }) => {
  await signInAsGp(page);
  expect((await page.goto("/audit"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect((await page.request.post("/audit/export", { headers: { origin: APP_ORIGIN } })).status()).toBe(403);
});

test("a role refused a whole area gets 403 there: the Privacy Officer cannot find patients, open a record or see worklists", async ({ page }) => {
  await signInAs(page, USERS.privacyOfficer);
  await expect(page.getByRole("heading", { level: 1, name: "Access audit" })).toBeVisible();
  for (const path of ["/find-patient", "/find-patient/details", "/find-patient/advanced", "/worklists", `/patient/${randomUUID()}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByTestId("forbidden"), path).toContainText("Your selected role cannot see this page");
  }
  await expectAccessible(page, "forbidden");
});

test("a role refused one tab of the record, or one way to search, gets 403 there with the reason and a way back", async ({ page }) => {
  await signInAs(page, USERS.singleRoleAal2);
  await openRecord(page, "9693632109");
  const record = new URL(page.url()).pathname;
  const refused: Array<[string, RegExp]> = [
    ["/summary-care-record", /assurance level 3/],
    ["/prescriptions", /cannot see prescriptions/],
    ["/gp-record", /cannot see the GP record/],
    ["/immunisations", /cannot see immunisations/],
    ["/documents", /cannot see shared documents/],
    ["/referrals/refer", /cannot send referrals/],
    ["/immunisations/record", /cannot record vaccinations/],
    ["/gp-summaries", /cannot send summaries to a patient's GP/],
  ];
  const auditedBefore = auditActions("9693632109").length;
  await clearRequestLog(page.request);
  for (const [tab, reason] of refused) {
    const response = await page.goto(`${record}${tab}`);
    expect(response?.status(), tab).toBe(403);
    await expect(page.getByTestId("forbidden"), tab).toContainText(reason);
    await expect(page.getByTestId("patient-banner"), tab).toHaveCount(0);
  }
  // a refused tab reads nothing: no call to PDS or any other service, and no audit row for data nobody saw
  expect((await requestsTo(page.request, "/")).filter((entry) => apiForPath(entry.route) !== undefined)).toEqual([]);
  expect(auditActions("9693632109")).toHaveLength(auditedBefore);
  await expectAccessible(page, "forbidden: one tab");
  await page.getByRole("link", { name: "Back to this patient's record" }).click();
  await expect(page.getByTestId("patient-banner")).toBeVisible();
  // what the role may see is unchanged: the record and its referrals
  expect((await page.goto(`${record}/referrals`))?.status()).toBe(200);
  expect((await page.goto("/find-patient/prescription"))?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText(/cannot see prescriptions/);
  expect((await page.goto("/find-patient/ubrn"))?.status()).toBe(200);
});

test("cross-site posts to the session endpoints are refused", async ({ page }) => {
  await signInAsGp(page);
  for (const path of ["/api/session/end", "/api/session/keep-alive"]) {
    const response = await page.request.post(path, { headers: { origin: "https://attacker.example", "sec-fetch-site": "cross-site" } });
    expect(response.status(), path).toBe(403);
  }
  // and the session is still there
  expect((await page.goto("/find-patient"))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Find a patient" })).toBeVisible();
});

test("a server action posted from another site is refused and changes nothing", async ({ page }) => {
  await signInAsGp(page);
  await openRecord(page, "9693632109");
  const actionPost = page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await page.goto("/find-patient");
  await page.getByLabel("NHS number").fill("9000000009");
  await page.getByRole("button", { name: "Search" }).click();
  const original = await actionPost;
  await expect(page.getByTestId("patient-banner")).toBeVisible();
  const forged = await page.request.post(original.url(), {
    headers: { ...original.headers(), origin: "https://attacker.example", host: new URL(APP_ORIGIN).host },
    data: original.postData() ?? "",
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({ title: "Cross-site request refused", status: 403 });
});

test("a session cookie replayed after sign-out opens nothing", async ({ page, browser }) => {
  await signInAs(page, USERS.multiRole);
  await chooseRole(page, /Clinical Practitioner Access Role/);
  const saved = await page.context().storageState();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signed-out/);
  const replay = await browser.newContext({ storageState: saved, baseURL: APP_ORIGIN });
  try {
    const replayed = await replay.newPage();
    await replayed.goto("/find-patient");
    await expect(replayed).toHaveURL(`${APP_ORIGIN}/`);
    await expect(replayed.getByRole("button", { name: "Sign in with NHS CIS2" })).toBeVisible();
  } finally {
    await replay.close();
  }
});

test("sign-in refuses to send anyone to another site afterwards (no open redirect)", async ({ page }) => {
  const response = await page.request.get("/api/auth/signin/cis2?callbackUrl=https%3A%2F%2Fattacker.example%2Fsteal", { maxRedirects: 0 });
  const location = response.headers().location ?? "";
  expect(location.startsWith("https://attacker.example")).toBe(false);
  await page.goto("/api/auth/signin?callbackUrl=https%3A%2F%2Fattacker.example%2Fsteal");
  expect(new URL(page.url()).host).not.toBe("attacker.example");
  await signInAs(page, USERS.multiRole);
  expect(new URL(page.url()).origin).toBe(APP_ORIGIN);
});
