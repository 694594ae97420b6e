import { expect, test, type APIRequestContext, type Page } from "./support/test";
import { buildPrescriptionId } from "../lib/format/prescription-id";
import { auditOutcomes, auditRowsOf, expectLastAudit } from "./support/audit";
import { expectAccessible } from "./support/axe";
import { expectTestIdsContain } from "./support/texts";
import { chooseRole, openRecordSection, signInAs, signInAsGp, USERS } from "./support/journeys";
import { clearFaults, injectFault } from "./support/stand-in";

test.afterEach(async ({ request }) => clearFaults(request));

/** Each record source as a page names it when it fails, and the test id of the page's "none recorded" message. */
const SOURCES = {
  eps: { name: "the Prescription Tracker (EPS)", noneTestId: "prescriptions-none" },
  immunisation: { name: "the Immunisation service", noneTestId: "immunisations-none" },
  nrl: { name: "the National Record Locator (NRL)", noneTestId: "documents-none" },
} as const;

/** Reload with the source failing: the section says which source could not be read, and never that it holds nothing. */
async function reloadWithSourceFailing(page: Page, request: APIRequestContext, target: keyof typeof SOURCES, status: number) {
  await injectFault(request, { target, kind: "status", status });
  await page.reload();
  await expect(page.getByTestId("upstream-failure")).toContainText(SOURCES[target].name);
  await expect(page.getByTestId(SOURCES[target].noneTestId)).toHaveCount(0);
}

test.describe("prescriptions", () => {
  test("current, future and past prescriptions with counts, type, status and prescriber; audited", async ({ page }) => {
    await signInAsGp(page);
    await openRecordSection(page, "9693632109", "Prescriptions");
    await expect(page.getByRole("heading", { name: "Prescriptions", level: 2 })).toBeVisible();
    const current = page.getByTestId("timeframe-current");
    await expect(current).toHaveText(/^Current \(\d+\)$/);
    await expect(current).toHaveAttribute("aria-current", "page");
    const rows = page.getByTestId("prescription-row");
    await expect(rows.first()).toBeVisible();
    const count = Number(/\((\d+)\)/.exec((await current.textContent()) ?? "")![1]);
    await expect(rows).toHaveCount(count);
    await expect(page.getByTestId("prescriptions-table")).toContainText(/Acute|Repeat|eRD/);
    await expect(page.getByTestId("source-provenance")).toContainText("From EPS, retrieved");
    await expect(rows.first().getByRole("button", { name: /^Copy prescription ID / })).toBeVisible();
    await expectAccessible(page, "current prescriptions");

    await page.getByTestId("timeframe-past").click();
    await expect(page.getByTestId("timeframe-past")).toHaveAttribute("aria-current", "page");
    await expectAccessible(page, "past prescriptions");
    const actions = auditRowsOf("9693632109", "prescriptions-view");
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(actions.at(-1)).toMatchObject({ outcome: "data-returned" });
    expect(actions.at(-1)!.upstream_request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a patient with no prescriptions is told apart from a tracker that failed", async ({ page, request }) => {
    await signInAsGp(page);
    await openRecordSection(page, "9000000033", "Prescriptions");
    await expect(page.getByTestId("prescriptions-none")).toHaveText("The Prescription Tracker holds no prescriptions for this patient.");
    await expectAccessible(page, "no prescriptions");

    await reloadWithSourceFailing(page, request, "eps", 500);
    await expect(page.getByTestId("failure-reference")).toHaveText(/^[0-9a-f-]{36}$/);
    await expectAccessible(page, "prescriptions failed");
    expect(auditOutcomes("9000000033", "prescriptions-view")).toEqual(expect.arrayContaining(["not-found", "upstream-failure"]));
  });
});

test.describe("immunisations", () => {
  test("vaccinations with product, dose, site, batch, location and recorder; filtered by type and date", async ({ page }) => {
    await signInAsGp(page);
    await openRecordSection(page, "9693632109", "Immunisations");
    const rows = page.getByTestId("immunisation-row");
    await expect(rows.first()).toBeVisible();
    const total = await rows.count();
    expect(total).toBeGreaterThanOrEqual(3);
    await expectTestIdsContain(page, {
      // the organisation responsible, as a search result names it (it carries no practitioner)
      "immunisations-table": ["Shingles", "Dose 1", "Ancholme Valley Medical Practice"],
      "source-provenance": "From the Immunisation service, retrieved",
    });
    await expectAccessible(page, "immunisations");

    await page.getByText("Filter vaccinations").click();
    await page.getByLabel("Vaccine type").selectOption("FLU");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId("immunisations-count")).toHaveText(`2 of ${total} vaccinations`);
    expect(page.url()).not.toContain("9693632109");

    const from = page.getByRole("group", { name: "Given on or after" });
    await from.getByLabel("Day").fill("1");
    await from.getByLabel("Month").fill("1");
    await from.getByLabel("Year").fill("2026");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("9 October 2026");

    await from.getByLabel("Month").fill("13");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expectAccessible(page, "immunisation filter error");
    expectLastAudit("9693632109", "immunisations-view", "data-returned");
  });

  test("'none recorded' and 'could not be retrieved' are different answers", async ({ page, request }) => {
    await signInAsGp(page);
    await openRecordSection(page, "9000000033", "Immunisations");
    await expect(page.getByTestId("immunisations-none")).toContainText("No vaccinations are recorded");
    await expectAccessible(page, "no immunisations");

    await reloadWithSourceFailing(page, request, "immunisation", 503);
    await expectAccessible(page, "immunisations failed");
  });
});

test.describe("shared documents", () => {
  test("pointers by type, custodian and date; a structured plan renders as text and a PDF comes through the server", async ({ page }) => {
    await signInAsGp(page);
    await openRecordSection(page, "9000000009", "Documents");
    const rows = page.getByTestId("document-row");
    await expect(rows.first()).toBeVisible();
    await expectTestIdsContain(page, {
      "documents-table": ["End of life care coordination summary", "Mental health crisis plan"],
      "source-provenance": "From NRL, retrieved",
    });
    await expectAccessible(page, "documents");

    await page.getByRole("link", { name: "End of life care coordination summary" }).click();
    await expect(page.getByTestId("document-sections")).toContainText("Do not attempt cardiopulmonary resuscitation");
    await expect(page.getByTestId("document-provenance")).toContainText("End of life care coordination summary");
    expect(page.url()).not.toMatch(/RY26A|9000000009/);
    await expectAccessible(page, "structured document");
    expectLastAudit("9000000009", "document-view", "data-returned");

    await page.getByRole("link", { name: "Back to shared documents" }).click();
    await page.getByTestId("document-row").filter({ hasText: "Mental health crisis plan" }).first().getByRole("link").click();
    const pdfLink = page.getByTestId("document-pdf-link");
    await expect(pdfLink).toBeVisible();
    await expectAccessible(page, "PDF document");
    const response = await page.request.get((await pdfLink.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(response.headers()["cache-control"]).toContain("no-store");
    expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  test("an organisation NRL does not allow is told why; a failed NRL is a failure, not 'no documents'", async ({ page, request }) => {
    await signInAs(page, USERS.multiRole);
    await chooseRole(page, /Health Professional Access Role/);
    await openRecordSection(page, "9000000009", "Documents");
    await expect(page.getByTestId("source-refused")).toContainText("does not let Boar Lane Pharmacy see documents of this kind");
    await expectAccessible(page, "documents refused");
    expectLastAudit("9000000009", "documents-view", "refused");

    await reloadWithSourceFailing(page, request, "nrl", 500);
  });

  test("a patient with no shared documents says so", async ({ page }) => {
    await signInAsGp(page);
    await openRecordSection(page, "9000000033", "Documents");
    await expect(page.getByTestId("documents-none")).toBeVisible();
  });
});

test.describe("prescription detail and search by prescription ID", () => {
  const PLUS_ID = buildPrescriptionId("4A7B9C", "Y12345", "3C000");
  const NOT_DISPENSED_ID = buildPrescriptionId("0C8D5E", "A20047", "9E4A6");

  test("a prescription opens with items, status history and the prescriber and dispensers by name, address and phone", async ({ page }) => {
    expect(PLUS_ID.endsWith("+")).toBe(true);
    await signInAsGp(page);
    await openRecordSection(page, "9000000009", "Prescriptions");
    await page.getByRole("link", { name: `View prescription ${PLUS_ID}` }).click();
    await expect(page.getByTestId("prescription-heading")).toContainText(PLUS_ID);
    expect(page.url()).not.toContain("4A7B9C");
    await expectTestIdsContain(page, {
      "prescription-items": "Cetirizine 1mg/ml oral solution sugar free",
      "prescription-prescriber": [/Trevelyan Square Surgery/i, "0113 496 0001"],
      "prescription-nominated": [/Boar Lane Pharmacy/i, /14 Boar Lane/i],
    });
    await expect(page.getByTestId("prescription-dispenser")).toHaveText("Not yet with a dispenser");
    await expect(page.getByTestId("prescription-history")).toContainText("Prescription upload successful");
    await expectAccessible(page, "prescription detail");
    expectLastAudit("9000000009", "prescription-view", "data-returned");
  });

  test("each row names its dispenser, or says it is not yet with one", async ({ page }) => {
    await signInAsGp(page);
    await openRecordSection(page, "9000000009", "Prescriptions");
    await expect(page.getByTestId("prescription-row").filter({ hasText: PLUS_ID }).getByTestId("prescription-dispenser-cell")).toHaveText(
      "Not yet with a dispenser",
    );
    await page.getByTestId("timeframe-past").click();
    await expect(page.getByTestId("prescription-row").first().getByTestId("prescription-dispenser-cell")).toHaveText(/Boar Lane Pharmacy/i);
  });

  test("a not-dispensed item gives its reason in plain English", async ({ page }) => {
    await signInAsGp(page);
    await openRecordSection(page, "9693632109", "Prescriptions");
    await page.getByTestId("timeframe-past").click();
    await page.getByRole("link", { name: `View prescription ${NOT_DISPENSED_ID}` }).click();
    await expect(page.getByTestId("prescription-items")).toContainText("Not dispensed: Patient purchased medication over the counter");
  });

  test("search by prescription ID checks the format and check character, then opens the prescription in its patient's record", async ({ page }) => {
    await signInAsGp(page);
    await page.goto("/find-patient/prescription");
    await expectAccessible(page, "find by prescription ID");
    const field = page.getByLabel("Prescription ID");
    await field.fill(`${PLUS_ID.slice(0, -1)}1`);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("its last character does not match the rest");
    await expectAccessible(page, "prescription ID error");
    await page.getByTestId("error-summary").getByRole("link").click();
    await expect(page.getByLabel("Prescription ID")).toBeFocused();

    await page.getByLabel("Prescription ID").fill(buildPrescriptionId("ABCDEF", "Y12345", "00000"));
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("search-outcome")).toContainText("No prescription found");

    await page.getByLabel("Prescription ID").fill(PLUS_ID.replace(/-/g, "").toLowerCase());
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("prescription-heading")).toContainText(PLUS_ID);
    await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
  });
});
