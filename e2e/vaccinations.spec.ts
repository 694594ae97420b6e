import type { Locator } from "@playwright/test";
import { expect, test, type Page } from "./support/test";
import { auditRowsOf, expectLastAudit } from "./support/audit";
import { expectAccessible } from "./support/axe";
import { openRecordSection, openSection, signInAsGp } from "./support/journeys";
import { clearFaults, clearRequestLog, injectFault, requestsTo } from "./support/stand-in";
import { NHS_APIS } from "../lib/nhs/catalogue";

const PATIENT = "9693632109";
const FLU_PRODUCT = "Fluad Tetra vaccine suspension for injection 0.5ml pre-filled syringes (Seqirus UK Ltd)";

test.afterEach(async ({ request }) => clearFaults(request));

/** The creates (POST Immunization) the stand-in saw since its log was cleared, faulted ones included. */
async function creates(page: Page) {
  return (await requestsTo(page.request, `${NHS_APIS.immunisation.basePath}/Immunization`)).filter((entry) => entry.method === "POST");
}

/** Types into a field with the keyboard alone, after moving focus to it. */
async function type(field: Locator, value: string) {
  await field.focus();
  await field.press("ControlOrMeta+a");
  await field.pressSequentially(value);
}

async function fillDate(page: Page, legend: string, [day, month, year]: [string, string, string]) {
  const group = page.getByRole("group", { name: legend });
  await type(group.getByLabel("Day"), day);
  await type(group.getByLabel("Month"), month);
  await type(group.getByLabel("Year"), year);
}

/** From the Immunisations tab: "Record a vaccination", the vaccine, then the form's answers, all by keyboard. */
async function startAndFill(page: Page, vaccine: string, product: string, batch: string, expiry: [string, string, string] = ["31", "12", "2027"]) {
  await page.getByTestId("record-vaccination-start").focus();
  await page.keyboard.press("Enter");
  await chooseAndFill(page, vaccine, product, batch, expiry);
}

/**
 * The product from the type-ahead, by keyboard: the first words typed, then the arrow keys down the list the
 * Terminology Server gave until the product is the highlighted option, then Enter.
 */
async function chooseProduct(page: Page, product: string) {
  const combobox = page.getByRole("combobox", { name: "Product" });
  const listbox = page.getByRole("listbox", { name: "Product" });
  await type(combobox, product.split(" ").slice(0, 2).join(" "));
  // what a screen reader user waits for: the search has answered and the list stopped changing
  await expect(listbox).toHaveAttribute("aria-busy", "false");
  await expect(listbox.getByRole("option", { name: product, exact: true })).toBeVisible();
  const position = (await listbox.getByRole("option").allTextContents()).indexOf(product);
  for (let step = 0; step <= position; step += 1) await page.keyboard.press("ArrowDown");
  await expect(listbox.getByRole("option", { selected: true })).toHaveText(product);
  await page.keyboard.press("Enter");
  await expect(combobox).toHaveValue(product);
  await expect(listbox).toBeHidden();
}

async function chooseAndFill(page: Page, vaccine: string, product: string, batch: string, expiry: [string, string, string]) {
  await expect(page.getByRole("heading", { name: "Which vaccine was given?" })).toBeVisible();
  await page.getByLabel(vaccine, { exact: true }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("vaccination-form")).toBeVisible();
  await chooseProduct(page, product);
  await type(page.getByLabel("Batch number"), batch);
  await fillDate(page, "Batch expiry date", expiry);
  await type(page.getByLabel("Dose number"), "1");
  await type(page.getByLabel("Dose amount"), "0.5");
  await page.getByLabel("Unit").selectOption("ml");
  await page.getByLabel("Site").selectOption({ label: "Left upper arm structure" });
  await page.getByLabel("Route").selectOption({ label: "Intramuscular route" });
  await fillDate(page, "Date given", ["3", "11", "2025"]);
  await type(page.getByLabel("Time given"), "10:15");
  await page.getByLabel(/consented to this vaccination/).focus();
  await page.keyboard.press("Space");
}

async function submitAnswers(page: Page) {
  await page.getByTestId("vaccination-submit").focus();
  await page.keyboard.press("Enter");
}

async function recordFlu(page: Page, batch: string) {
  await startAndFill(page, "Flu", FLU_PRODUCT, batch);
  await submitAnswers(page);
  await expect(page.getByRole("heading", { name: "Check your answers" })).toBeVisible();
}

test("a flu vaccination recorded by keyboard alone, its expired batch refused first; read back and shown on the tab as recorded here", async ({ page }) => {
  await signInAsGp(page);
  await openRecordSection(page, PATIENT, "Immunisations");
  // a record whose site and route came as SNOMED CT codes alone shows their preferred terms, said to be looked up
  await expect(page.getByTestId("immunisation-row").filter({ hasText: "PN20-4471" })).toContainText(
    "Left upper arm structure (SNOMED CT term), Subcutaneous route (SNOMED CT term)",
  );
  await expectAccessible(page, "immunisations: with record a vaccination");
  await page.getByTestId("record-vaccination-start").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Which vaccine was given?" })).toBeVisible();
  await expectAccessible(page, "record a vaccination: choose vaccine");
  await page.getByRole("button", { name: "Continue" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("error-summary")).toContainText("Select the vaccine given");

  await clearRequestLog(page.request);
  await chooseAndFill(page, "Flu", FLU_PRODUCT, "FLU-KB-01", ["1", "10", "2025"]);
  // the type-ahead searched the Terminology Server through the app, not the list loaded with the page
  expect(await requestsTo(page.request, `${NHS_APIS.terminology.basePath}/ValueSet/$expand`)).not.toHaveLength(0);
  await expectAccessible(page, "record a vaccination: answers");
  await submitAnswers(page);
  await expect(page.getByTestId("error-summary")).toContainText("The batch had expired on the date given");
  await page
    .getByTestId("error-summary")
    .getByRole("link", { name: /batch had expired/ })
    .focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#expiry-day")).toBeFocused();
  await expectAccessible(page, "record a vaccination: error summary");
  await fillDate(page, "Batch expiry date", ["31", "12", "2027"]);
  await submitAnswers(page);

  await expect(page.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await expect(page.getByTestId("vaccination-answers")).toContainText(FLU_PRODUCT);
  await expect(page.getByTestId("vaccination-answers")).toContainText("3 November 2025 at 10:15");
  await expectAccessible(page, "record a vaccination: check your answers");
  await clearRequestLog(page.request);
  await page.getByTestId("record-vaccination").focus();
  await page.keyboard.press("Enter");

  await expect(page.getByTestId("vaccination-recorded")).toContainText("Vaccination recorded");
  await expect(page.getByTestId("national-record-summary")).toContainText(FLU_PRODUCT);
  await expect(page.getByTestId("national-record-summary")).toContainText("FLU-KB-01");
  await expectAccessible(page, "record a vaccination: recorded");
  expect(await creates(page)).toHaveLength(1);
  expectLastAudit(PATIENT, "vaccination-record", "sent");
  expectLastAudit(PATIENT, "vaccination-view", "data-returned");

  await page.getByRole("link", { name: "Back to immunisations" }).focus();
  await page.keyboard.press("Enter");
  const row = page.getByTestId("immunisation-row").filter({ hasText: "FLU-KB-01" });
  await expect(row.getByTestId("recorded-here")).toHaveText("Recorded here");
  await expect(row.getByTestId("recorded-here-by")).toContainText(/Recorded here by .+ on \d+ \w+ \d{4} at \d\d:\d\d/);

  await openSection(page, "Overview");
  const entry = page
    .getByTestId("timeline-entry")
    .filter({ hasText: FLU_PRODUCT })
    .filter({ has: page.getByTestId("timeline-recorded-here") });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(/Recorded here by .+ on \d+ \w+ \d{4} at \d\d:\d\d/);
});

test("with the Terminology Server down the type-ahead says so and the product list loaded with the page still serves", async ({ page }) => {
  await signInAsGp(page);
  await openRecordSection(page, PATIENT, "Immunisations");
  await page.getByTestId("record-vaccination-start").click();
  await page.getByLabel("Flu", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("combobox", { name: "Product" })).toBeVisible();
  await injectFault(page.request, { target: "terminology", kind: "status", status: 503 });
  const combobox = page.getByRole("combobox", { name: "Product" });
  await type(combobox, "Fluad Tet");
  await expect(page.getByTestId("product-fell-back")).toContainText("could not be searched just now");
  await expect(page.getByRole("listbox", { name: "Product" })).toHaveAttribute("aria-busy", "false");
  await expect(page.getByRole("listbox", { name: "Product" }).getByRole("option", { name: FLU_PRODUCT, exact: true })).toBeVisible();
  await expectAccessible(page, "record a vaccination: type-ahead fell back to the page's list");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(combobox).toHaveValue(FLU_PRODUCT);
  await expect(page.getByTestId("product-status")).toHaveText(`${FLU_PRODUCT} chosen`);
});

test("a double-posted send records once: both posts at once, one create at the national service", async ({ page }) => {
  await signInAsGp(page);
  await openRecordSection(page, PATIENT, "Immunisations");
  await recordFlu(page, "FLU-DBL-02");
  const before = auditRowsOf(PATIENT, "vaccination-record").length;
  await clearRequestLog(page.request);
  const statuses: number[] = [];
  await page.route(
    (url) => url.pathname === new URL(page.url()).pathname,
    async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const posted = await Promise.all([0, 1].map(() => page.request.fetch(route.request(), { maxRedirects: 0 })));
      statuses.push(...posted.map((response) => response.status()));
      await route.fulfill({ response: posted[0] });
    },
  );
  await page.getByTestId("record-vaccination").click();
  await expect(page.getByTestId("vaccination-recorded")).toBeVisible();
  expect(statuses).toHaveLength(2);
  for (const status of statuses) expect(status).toBeLessThan(400);
  const sent = await creates(page);
  expect(sent).toHaveLength(1);
  expect(
    auditRowsOf(PATIENT, "vaccination-record")
      .slice(before)
      .map((row) => [row.outcome, row.upstream_request_id]),
  ).toEqual([
    ["attempted", sent[0]!.requestId],
    ["sent", sent[0]!.requestId],
  ]);
});

test("an answer lost after the service stored it: not known yet, never resent; Check status finds it", async ({ page }) => {
  await signInAsGp(page);
  await openRecordSection(page, PATIENT, "Immunisations");
  await recordFlu(page, "FLU-LOST-03");
  await clearRequestLog(page.request);
  await injectFault(page.request, { target: "immunisation", kind: "lost-response", times: 1 });
  await page.getByTestId("record-vaccination").click();
  await expect(page.getByTestId("vaccination-unknown")).toContainText("We do not know yet whether it was recorded");
  await expect(page.getByRole("button", { name: "Record vaccination" })).toHaveCount(0);
  await expectAccessible(page, "record a vaccination: outcome unknown");
  expectLastAudit(PATIENT, "vaccination-record", "outcome-unknown");
  // the stand-in logs a request as its answer goes, so the lost one is not listed: none may follow it
  const afterSend = (await creates(page)).length;
  await page.reload();
  await expect(page.getByTestId("vaccination-unknown")).toBeVisible();

  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByTestId("vaccination-recorded")).toBeVisible();
  await expect(page.getByTestId("already-recorded")).toBeVisible();
  await expect(page.getByTestId("national-record-summary")).toContainText("FLU-LOST-03");
  expect(await creates(page)).toHaveLength(afterSend);
  expectLastAudit(PATIENT, "vaccination-status", "data-returned");
});

test("MMRV, which this application may not record, is refused in plain English", async ({ page }) => {
  await signInAsGp(page);
  await openRecordSection(page, PATIENT, "Immunisations");
  await startAndFill(
    page,
    "MMRV (measles, mumps, rubella and chickenpox)",
    "ProQuad powder and solvent for suspension for injection 0.5ml vials (Merck Sharp & Dohme (UK) Ltd)",
    "MMRV-04",
  );
  await submitAnswers(page);
  await page.getByTestId("record-vaccination").click();
  await expect(page.getByTestId("vaccination-refused")).toHaveText("The vaccination was not recorded");
  await expect(page.getByTestId("vaccination-refusal")).toContainText("not permitted to record MMRV (measles, mumps, rubella and chickenpox) vaccinations");
  await expectAccessible(page, "record a vaccination: refused");
  expectLastAudit(PATIENT, "vaccination-record", "refused");
});

test("a change made from a stale version is a conflict that shows both and writes nothing; then marked as entered in error", async ({ page, context }) => {
  await signInAsGp(page);
  await openRecordSection(page, PATIENT, "Immunisations");
  await recordFlu(page, "FLU-CHG-05");
  await page.getByTestId("record-vaccination").click();
  await expect(page.getByTestId("vaccination-recorded")).toBeVisible();
  const confirmation = page.url();

  // two changes opened at the same version; the second is saved first
  await page.getByRole("button", { name: "Change this record" }).click();
  await expect(page.getByTestId("version-seen")).toContainText("Version 1");
  const other = await context.newPage();
  await other.goto(confirmation);
  await other.getByRole("button", { name: "Change this record" }).click();
  await type(other.getByLabel("Batch number"), "FLU-CHG-05B");
  await other.getByTestId("vaccination-submit").click();
  await expect(other.getByTestId("change-done")).toContainText("The record was changed");
  await expect(other.getByTestId("national-record-summary")).toContainText("FLU-CHG-05B");
  await expectAccessible(other, "change a vaccination: done");
  await other.close();

  await expectAccessible(page, "change a vaccination: form");
  await type(page.getByLabel("Batch number"), "FLU-CHG-05C");
  await clearRequestLog(page.request);
  await page.getByTestId("vaccination-submit").click();
  await expect(page.getByTestId("change-conflict")).toContainText("This record has been changed by someone else");
  await expect(page.getByTestId("conflict-yours")).toContainText("FLU-CHG-05C");
  await expect(page.getByTestId("current-record")).toContainText("FLU-CHG-05B");
  await expectAccessible(page, "change a vaccination: conflict");
  expectLastAudit(PATIENT, "vaccination-update", "refused");

  // entered in error, from the tab, confirmed with a reason first
  await page.getByRole("link", { name: "Back to immunisations" }).click();
  const row = page.getByTestId("immunisation-row").filter({ hasText: "FLU-CHG-05B" });
  await row.getByRole("button", { name: "Mark as entered in error" }).click();
  await expect(page.getByTestId("record-to-remove")).toContainText("FLU-CHG-05B");
  await page.getByTestId("confirm-entered-in-error").click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter why the record was entered in error");
  await expectAccessible(page, "entered in error: confirm");
  await page.getByLabel("Why was it entered in error?").fill("Recorded for the wrong patient");
  await page.getByTestId("confirm-entered-in-error").click();
  await expect(page.getByTestId("change-done")).toContainText("Marked as entered in error");
  expectLastAudit(PATIENT, "vaccination-delete", "sent");
  await page.getByRole("link", { name: "Back to immunisations" }).click();
  await expect(page.getByTestId("immunisation-row").filter({ hasText: "FLU-CHG-05" })).toHaveCount(0);
});
