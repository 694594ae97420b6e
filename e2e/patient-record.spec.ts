import { auditActions } from "./support/audit";
import { expect, test } from "./support/test";
import { expectAccessible } from "./support/axe";
import { expectTestIdTexts, expectTestIdsContain } from "./support/texts";
import { chooseRole, openRecord, openSection, searchByDetails, signInAs, signInAsGp, USERS } from "./support/journeys";

const SECTIONS = [
  "Overview",
  "Patient details",
  "Summary Care Record",
  "GP record",
  "Prescriptions",
  "Referrals",
  "Immunisations",
  "Documents",
  "GP summaries",
];

test("the banner and overview: age, GP and pharmacy by name, temporary address, communication needs", async ({ page }) => {
  await signInAsGp(page);
  await openRecord(page, "9000000009");
  await expectTestIdTexts(page, {
    "patient-age": "0 days",
    "patient-gp": "TREVELYAN SQUARE SURGERY",
    "temporary-address-flag": "Temporary address in use",
    "overview-pharmacy": "BOAR LANE PHARMACY",
    "overview-communication": "French; interpreter needed",
  });
  await expect(page.getByRole("navigation", { name: "Patient record" }).getByRole("link")).toHaveText(SECTIONS);
  await expect(page.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);
});

test("from a record, the header's 'Find a patient' goes by keyboard to the next patient's search", async ({ page }) => {
  await signInAsGp(page);
  await openRecord(page, "9000000009");
  const findPatient = page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Find a patient" });
  await findPatient.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Find a patient" })).toBeVisible();
  await expect(page.getByTestId("patient-banner")).toHaveCount(0);
});

test("patient details: every name and address with its period, contact details, GP and pharmacy, related people, version", async ({ page }) => {
  await signInAsGp(page);
  await openRecord(page, "9000000009");
  await page.getByRole("link", { name: "Patient details" }).click();
  await expectTestIdsContain(page, {
    "details-names": ["Usual name", "Preferred name"],
    "details-addresses": ["Temporary address", "from 1 January 2020 until 31 December 2030"],
    "details-contact": "01632960587",
    "details-care": ["BOAR LANE PHARMACY", "14 BOAR LANE"],
    "details-communication": "French",
    "details-related": ["mother", "SMITH, Helen"],
  });
  await expect(page.getByTestId("record-version")).toHaveText(/^\d+$/);
  await expectAccessible(page);
});

test("contact details update: saved with If-Match and shown at once; a stale version is a conflict, never an overwrite", { tag: "@platform" }, async ({
  page,
  context,
}) => {
  await signInAsGp(page);
  await openRecord(page, "9693632109");
  await page.getByRole("link", { name: "Patient details" }).click();
  await expect(page.getByTestId("record-version")).toHaveText(/^\d+$/);
  const versionBefore = Number(await page.getByTestId("record-version").textContent());
  await page.getByRole("link", { name: "Update contact details" }).click();
  await expectAccessible(page);

  await page.getByLabel("Mobile phone (optional)").fill("12345");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter a UK phone number");
  await expectAccessible(page, "errors");

  await page.getByLabel("Mobile phone (optional)").fill("07700 900123");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("update-confirmation")).toContainText(`version ${versionBefore + 1}`);
  await expect(page.getByTestId("details-contact")).toContainText("07700900123");
  await expect(page.getByTestId("record-version")).toHaveText(String(versionBefore + 1));

  // two people edit at once: the second to save sees both versions and nothing of theirs is written
  const stale = page;
  await stale.getByRole("link", { name: "Update contact details" }).click();
  await expect(stale.getByLabel("Email address (optional)")).toBeVisible(); // the URL is the form's only once it has rendered
  const other = await context.newPage();
  await other.goto(stale.url());
  await other.getByLabel("Email address (optional)").fill("bill.garton@example.com");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByTestId("update-confirmation")).toBeVisible();

  await stale.getByLabel("Email address (optional)").fill("someone.else@example.com");
  await stale.getByRole("button", { name: "Save changes" }).click();
  await expect(stale.getByTestId("update-conflict")).toContainText("This record changed while you were editing it");
  await expect(stale.getByTestId("yours-email")).toHaveText("someone.else@example.com");
  await expect(stale.getByTestId("current-email")).toHaveText("bill.garton@example.com");
  await expectAccessible(stale, "conflict");
  await other.reload();
  await expect(other.getByTestId("details-contact")).toContainText("bill.garton@example.com");
  await expect(other.getByTestId("details-contact")).not.toContainText("someone.else@example.com");
});

test("a role without Amend Patient Demographics sees no update link and is refused if it goes there", async ({ page }) => {
  await signInAs(page, USERS.multiRole);
  await chooseRole(page, /Health Professional Access Role/);
  await openRecord(page, "9693632109");
  await page.getByRole("link", { name: "Patient details" }).click();
  await expect(page.getByTestId("details-contact")).toBeVisible();
  await expect(page.getByRole("link", { name: "Update contact details" })).toHaveCount(0);
  expect((await page.goto(`${page.url()}/contact`))?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("B0825");
});

test("recent patients are listed for this session only and gone after sign-out", async ({ page }) => {
  await signInAsGp(page);
  await openRecord(page, "9000000009");
  await page.goto("/find-patient");
  await openRecord(page, "9693632109");
  const janeRowsBefore = auditActions("9000000009").length;
  await page.goto("/find-patient");
  const recent = page.getByTestId("recent-patients");
  await expect(recent.getByRole("link")).toHaveText(["GARTON, Bill", "SMITH, Jane"]);
  // a link on screen is not an access: nothing is prefetched, so nothing is read or audited
  await page.waitForLoadState("networkidle");
  expect(auditActions("9000000009")).toHaveLength(janeRowsBefore);
  await expectAccessible(page, "recent patients");
  await recent.getByRole("link", { name: "SMITH, Jane" }).click();
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signed-out$/);
  await signInAsGp(page);
  await expect(page.getByTestId("recent-patients")).toHaveCount(0);
});

test("no NHS number, name or date of birth appears in any search or record URL", async ({ page }) => {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  page.on("framenavigated", (frame) => urls.push(frame.url()));
  await signInAsGp(page);
  await openRecord(page, "9000000009");
  for (const section of SECTIONS) await openSection(page, section);
  await openSection(page, "Patient details");
  await page.getByRole("link", { name: "Update contact details" }).click();
  await searchByDetails(page, { family: "Smith", dob: ["22", "10", "2010"] });
  await page.getByTestId("search-result").first().getByRole("link").click();
  await page.goto("/find-patient/advanced");
  await expect(page.getByLabel("Last name")).toBeVisible();
  expect(urls.length).toBeGreaterThan(10);
  for (const url of urls) {
    expect(url).not.toMatch(/\b9\d{9}\b|900%20000%200009|900\+000\+0009/);
    expect(url).not.toMatch(/smith|jane|2010-10-22/i);
  }
});
