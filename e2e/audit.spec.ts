import { readFileSync } from "node:fs";
import { expect, test } from "./support/test";
import { expectAccessible } from "./support/axe";
import { auditRowsOf } from "./support/audit";
import { APP_ORIGIN, openRecord, openRecordSection, signInAs, signInAsGp, USERS } from "./support/journeys";

const PRIVACY_OFFICER = USERS.privacyOfficer;

test("the Privacy Officer sees each access, emergency access highlighted, filters it and exports it", async ({ browser }) => {
  const clinician = await browser.newContext();
  const gp = await clinician.newPage();
  await signInAsGp(gp);
  await openRecordSection(gp, "9693632109", "Summary Care Record");
  await gp.getByRole("radio", { name: "Emergency access" }).check();
  await gp.getByRole("radio", { name: "Medical emergency and the patient cannot be asked" }).check();
  await gp.getByRole("button", { name: "Continue to the record" }).click();
  await expect(gp.getByTestId("scr-record")).toBeVisible();
  await clinician.close();

  const officer = await browser.newContext();
  const page = await officer.newPage();
  await signInAs(page, PRIVACY_OFFICER);
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Access audit" })).toBeVisible();
  await expect(page.getByTestId("audit-scope")).toContainText("Showing access by staff at Trevelyan Square Surgery (Y12345).");
  // the whole trail is not one click away: an export needs a filter first
  await expect(page.getByTestId("audit-export-needs-filter")).toBeVisible();
  await expect(page.getByRole("button", { name: "Export to CSV" })).toHaveCount(0);
  const unfiltered = await page.request.post("/audit/export", { headers: { origin: APP_ORIGIN } });
  expect(unfiltered.status()).toBe(400);
  expect((await unfiltered.json()).title).toBe("Filter the audit by patient, user, action or dates before exporting it");
  await expectAccessible(page);

  await page.getByLabel("Patient NHS number (optional)").fill("969 363 2109");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  const entries = page.getByTestId("audit-entry");
  await expect(entries.first()).toBeVisible();
  await expect(entries.filter({ hasNotText: "969 363 2109" })).toHaveCount(0);
  const emergency = entries.filter({ hasText: "Emergency access" });
  await expect(emergency.first()).toContainText("Privacy alert");
  await expect(emergency.first()).toContainText("Medical emergency and the patient cannot be asked");
  await expect(emergency.first()).toContainText("Priya Raman");
  await expect(entries.filter({ hasText: "Viewed Summary Care Record" }).first()).toContainText("Data returned");
  await expectAccessible(page, "filtered");

  await page.getByLabel("Action (optional)").selectOption("scr-access-basis");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(entries.filter({ hasNotText: "Confirmed basis of SCR access" })).toHaveCount(0);
  await expect(entries.first()).toBeVisible();

  const viewsBefore = auditRowsOf("9693632109", "audit-view").length;
  expect(viewsBefore).toBeGreaterThan(0);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export to CSV" }).click()]);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toContain("patientNhsNumber,basisOfAccess,reason");
  expect(csv).toContain('"9693632109","emergency-access","Medical emergency and the patient cannot be asked"');
  expect(csv).not.toContain('"9000000009"');
  const exportedRows = csv.trimEnd().split("\r\n").length - 1;
  // the export is in the audit itself: who, which patient, which filter and how many rows
  expect(auditRowsOf("9693632109", "audit-export").at(-1)).toMatchObject({
    outcome: "data-returned",
    reason: `Organisations Y12345. Filters: action scr-access-basis. ${exportedRows === 1 ? "1 row" : `${exportedRows} rows`}.`,
  });

  await page.getByLabel("Patient NHS number (optional)").fill("12345");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter a valid 10-digit NHS number");
  await officer.close();
});

test("no other role reaches the audit: the page answers 403 and so does the export", async ({ page }) => {
  await signInAsGp(page);
  const response = await page.goto("/audit");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("Your selected role cannot see this page");
  await expect(page.getByRole("banner").getByRole("link", { name: "Access audit" })).toHaveCount(0);
  await expectAccessible(page, "forbidden");
  const exported = await page.request.post("/audit/export", { headers: { origin: APP_ORIGIN } });
  expect(exported.status()).toBe(403);
  expect((await exported.json()).title).toBe("Only Privacy Officers and Caldicott Guardians can export the audit");
});

test("a Caldicott Guardian at another organisation sees only that organisation's access, not the practice's", async ({ browser }) => {
  const clinician = await browser.newContext();
  const gp = await clinician.newPage();
  await signInAsGp(gp);
  await openRecord(gp, "9000000009");
  await clinician.close();

  const guardian = await browser.newContext();
  const page = await guardian.newPage();
  await signInAs(page, USERS.caldicottGuardian);
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByTestId("audit-scope")).toContainText("North Humber Hospitals NHS Trust (RX9)");
  await page.getByLabel("Patient NHS number (optional)").fill("9000000009");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("audit-count")).toHaveText("No entries match these filters.");
  await expect(page.getByTestId("audit-entry")).toHaveCount(0);
  await guardian.close();
});

test("the export refuses a request from another site", async ({ page }) => {
  await signInAs(page, PRIVACY_OFFICER);
  const response = await page.request.post("/audit/export", { headers: { origin: "https://attacker.example" } });
  expect(response.status()).toBe(403);
});
