import { expect, test, type Page } from "./support/test";
import { expectAccessible } from "./support/axe";
import { expectTestIdsContain, expectTestIdTexts } from "./support/texts";
import { chooseRole, searchByNhsNumber, signInAs, signInAsGp, signInAsGpAndSearch, USERS } from "./support/journeys";
import { clearFaults, clearRequestLog, injectFault, requestsTo } from "./support/stand-in";
import { NHS_APIS } from "../lib/nhs/catalogue";

/** Every URL the page visited, so that a test can prove no NHS number went into one. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  page.on("framenavigated", (frame) => urls.push(frame.url()));
  return urls;
}

test.afterEach(async ({ request }) => clearFaults(request));

test("9000000009 opens Jane Smith's banner, with no NHS number in any URL", async ({ page }) => {
  const urls = recordUrls(page);
  await signInAsGp(page);
  await expectAccessible(page);
  await searchByNhsNumber(page, "900 000 0009");

  await expect(page).toHaveURL(/\/patient\/[0-9a-f-]{36}$/);
  const banner = page.getByTestId("patient-banner");
  await expectTestIdTexts(banner, {
    "patient-name": "SMITH, Jane",
    "patient-nhs-number": "900 000 0009",
    "patient-birth-date": "22 October 2010",
    "patient-gender": "Female",
    "deceased-flag": "Deceased 22 October 2010",
  });
  await expect(banner.getByTestId("patient-address")).toContainText("LS1 6AE");
  await expect(page.getByTestId("source-note")).toContainText("From PDS, retrieved");
  await expectAccessible(page);

  for (const url of urls) expect(url).not.toMatch(/9000000009|900%20000%200009|900 000 0009/);
});

test("NHS numbers with dashes are accepted", async ({ page }) => {
  await signInAsGpAndSearch(page, "900-000-0009");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
});

test("bad NHS numbers are caught before any call, each error linked to the field", async ({ page }) => {
  await signInAsGp(page);
  const cases: Array<[string, string]> = [
    ["", "Enter the patient's NHS number"],
    ["12345", "NHS number must be 10 digits"],
    ["9000000000", "Enter a valid NHS number. Check you have entered it correctly"],
    ["<script>alert(1)</script>", "NHS number must be 10 digits"],
    ["90000O0009", "NHS number must only include numbers, spaces and dashes"],
    ["9".repeat(500), "NHS number must be 10 digits"],
  ];
  for (const [input, message] of cases) {
    await searchByNhsNumber(page, input);
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText("There is a problem");
    await expect(summary.getByRole("link", { name: message })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: Find a patient/);
    await expect(page.getByLabel("NHS number")).toHaveValue(input.slice(0, 40));
  }
  await expectAccessible(page, "error summary");
  await page.getByTestId("error-summary").getByRole("link").click();
  await expect(page.getByLabel("NHS number")).toBeFocused();
  // no script ran and nothing was rendered as markup
  await expect(page.locator("script:text('alert(1)')")).toHaveCount(0);
});

test("9111231130 says no patient was found", async ({ page }) => {
  await signInAsGpAndSearch(page, "9111231130");
  await expectTestIdsContain(page, { "search-outcome": ["No patient found", "911 123 1130"] });
  await expectAccessible(page, "not found");
});

test("a restricted patient's address and GP are never shown", async ({ page }) => {
  await signInAsGpAndSearch(page, "9000000025");
  await expect(page.getByTestId("patient-name")).toHaveText("SMYTHE, Janet");
  for (const testId of ["restricted-flag", "patient-address", "patient-gp"]) await expect(page.getByTestId(testId), testId).toHaveText("Restricted");
});

test("a record with nothing but an NHS number says what is not known", async ({ page }) => {
  await signInAsGpAndSearch(page, "9000000033");
  await expect(page.getByTestId("patient-name")).toHaveText("Name not known");
  await expect(page.getByTestId("patient-birth-date")).toHaveText("Not known");
});

test("an upstream error shows a plain message with the upstream code and a reference ID", async ({ page, request }) => {
  await signInAsGp(page);
  await injectFault(request, { target: "pds", status: 500, times: 1 });
  await searchByNhsNumber(page, "9000000009");
  const failure = page.getByTestId("upstream-failure");
  await expect(failure).toContainText("We could not get information from the Personal Demographics Service (PDS)");
  await expect(failure).toContainText("UNKNOWN_ERROR");
  await expect(failure.getByTestId("failure-reference")).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(page.locator("body")).not.toContainText(/at .*\.js:\d+/);
  await expectAccessible(page, "upstream failure");
});

test("a busy PDS is retried after Retry-After with the same request ID, and the patient is found", async ({ page, request }) => {
  await signInAsGp(page);
  await injectFault(request, { target: "pds", status: 503, retryAfterSeconds: 1, times: 1 });
  await clearRequestLog(request);
  await searchByNhsNumber(page, "9000000009");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
  const [refused, retried] = await requestsTo(request, NHS_APIS.pds.basePath);
  expect(refused.status).toBe(503);
  expect(retried.status).toBe(200);
  expect(retried.requestId).toBe(refused.requestId);
});

test("PDS is called as the selected role: its person_roleid and ODS code, with request and correlation IDs", async ({ page, request }) => {
  await signInAs(page, USERS.multiRole);
  await chooseRole(page, /Health Professional Access Role/);
  await clearRequestLog(request);
  await searchByNhsNumber(page, "9000000009");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");

  const calls = await requestsTo(request, `${NHS_APIS.pds.basePath}/Patient`);
  expect(calls.length).toBeGreaterThanOrEqual(2); // the search, then the record page's own read
  for (const call of calls) {
    expect(call).toMatchObject({ method: "GET", status: 200, sessionUrid: "656005754108", endUserOrganisationOds: "Y23456" });
    expect(call.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call.correlationId).toBeTruthy();
    expect(call.route).not.toContain("9000000009");
  }
  expect(new Set(calls.map((call) => call.requestId)).size).toBe(calls.length);
});

test("the AAL2 admin role can find a patient", async ({ page }) => {
  await signInAs(page, USERS.singleRoleAal2);
  await searchByNhsNumber(page, "9000000009");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
});

test("the whole journey works by keyboard alone", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab"); // skip link
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.getByRole("button", { name: "Sign in with NHS CIS2" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel("Username").focus();
  await page.keyboard.type(USERS.multiRole);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/select-role$/);
  await page.getByRole("radio", { name: /Clinical Practitioner Access Role/ }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Continue" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/find-patient$/);
  await page.getByLabel("NHS number").focus();
  await page.keyboard.type("9000000009");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
});
