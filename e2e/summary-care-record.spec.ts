import { expect, test, type Page } from "./support/test";
import { expectAccessible } from "./support/axe";
import { expectTestIdsContain } from "./support/texts";
import { openRecordSection, signInAs, signInAsGp, signInAsGpAndSearch, USERS } from "./support/journeys";
import { clearFaults, injectFault, SANDBOX_URL } from "./support/stand-in";

test.afterEach(async ({ request }) => clearFaults(request));

const openScr = (page: Page, nhsNumber: string) => openRecordSection(page, nhsNumber, "Summary Care Record");

async function confirmBasis(page: Page, basis: string, reason?: string, details?: string) {
  await page.getByRole("radio", { name: basis }).check();
  if (reason) await page.getByRole("radio", { name: reason }).check();
  if (details) await page.getByLabel(/^Details/).fill(details);
  await page.getByRole("button", { name: "Continue to the record" }).click();
}

async function alertsFor(request: import("@playwright/test").APIRequestContext, nhsNumber: string) {
  const { alerts } = (await (await request.get(`${SANDBOX_URL}/_stand-in/scr/alerts`)).json()) as {
    alerts: Array<{ nhsNumber: string; alertType: string; reasonCode: string; reason: string }>;
  };
  return alerts.filter((alert) => alert.nhsNumber === nhsNumber);
}

test("the basis of access comes first; with the patient's permission the SCR shows allergies and medicines with their source", async ({ page }) => {
  await signInAsGp(page);
  await openScr(page, "9000000009");
  await expect(page.getByRole("heading", { name: "Why are you accessing this patient's Summary Care Record?" })).toBeVisible();
  await expect(page.getByTestId("scr-record")).toHaveCount(0);
  await expectAccessible(page, "basis of access");
  await page.getByRole("button", { name: "Continue to the record" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Select why you are accessing this record");
  await expectAccessible(page, "basis of access errors");

  await confirmBasis(page, "The patient has given permission to view their record");
  await expectTestIdsContain(page, {
    "scr-basis": "The patient has given permission",
    "scr-allergies": "Wasp venom: Toxic reaction to wasp sting",
    "scr-current-medications": ["Paracetamol 250mg/5ml oral suspension sugar free", "28 October 2026"],
    "scr-provenance": ["From the GP record at Trevelyan Square Surgery (Y12345)", "Last updated 2 November 2026"],
  });
  await expect(page.getByTestId("scr-consent")).toHaveText("Ask the patient for permission to view");
  await expectAccessible(page, "SCR");
});

test("an existing relationship shows past medicines and additional information", async ({ page }) => {
  await signInAsGp(page);
  await openScr(page, "9693632109");
  await confirmBasis(page, "I have a legitimate relationship with the patient");
  await expect(page.getByTestId("scr-allergies")).toContainText("Penicillin");
  await expect(page.getByTestId("scr-past-medications")).toContainText("Simvastatin 40mg tablets");
  await expect(page.getByTestId("scr-additional").first()).toContainText("annual foot and eye checks");
});

test("a claimed relationship sends a privacy alert before the record opens", async ({ page, request }) => {
  const before = (await alertsFor(request, "9693632109")).length;
  await signInAsGp(page);
  await openScr(page, "9693632109");
  await confirmBasis(page, "I am claiming a legitimate relationship", undefined, "Covering the diabetes clinic today");
  await expect(page.getByTestId("scr-record")).toBeVisible();
  const alerts = await alertsFor(request, "9693632109");
  expect(alerts).toHaveLength(before + 1);
  expect(alerts.at(-1)).toMatchObject({ alertType: "1", reasonCode: "4", reason: "Covering the diabetes clinic today" });
});

test("emergency access needs a reason, and sends a privacy alert", async ({ page, request }) => {
  const before = (await alertsFor(request, "9000000009")).length;
  await signInAsGp(page);
  await openScr(page, "9000000009");
  await confirmBasis(page, "Emergency access");
  await expect(page.getByTestId("error-summary")).toContainText("Select the reason for emergency access");
  await confirmBasis(page, "Emergency access", "Other reason (give details)");
  await expect(page.getByTestId("error-summary")).toContainText("Give details of the other reason for emergency access");
  await confirmBasis(page, "Emergency access", "Patient is unconscious or unable to give permission");
  await expect(page.getByTestId("scr-record")).toBeVisible();
  const alerts = await alertsFor(request, "9000000009");
  expect(alerts).toHaveLength(before + 1);
  expect(alerts.at(-1)).toMatchObject({ alertType: "2", reasonCode: "5", reason: "Patient is unconscious or unable to give permission" });
});

test("if the privacy alert cannot be sent, the record stays closed", async ({ page, request }) => {
  await signInAsGp(page);
  await openScr(page, "9693632109");
  await injectFault(request, { target: "scr", status: 500, times: 1 });
  await confirmBasis(page, "Emergency access", "Access is in the public interest");
  await expect(page.getByTestId("alert-failed")).toContainText("could not be sent, so the record is not shown");
  await expect(page.getByTestId("upstream-failure")).toContainText("UNKNOWN_ERROR");
  await expect(page.getByTestId("scr-record")).toHaveCount(0);
});

test("no SCR, no consent and an upstream failure each say so plainly", async ({ page, request }) => {
  await signInAsGp(page);
  await openScr(page, "9000000033");
  await confirmBasis(page, "The patient has given permission to view their record");
  await expect(page.getByTestId("scr-none")).toContainText("This patient has no Summary Care Record");
  await expectAccessible(page, "no SCR");

  await page.goto("/find-patient");
  await openScr(page, "9000000025");
  await confirmBasis(page, "The patient has given permission to view their record");
  await expect(page.getByTestId("scr-no-consent")).toContainText("is not available");

  await injectFault(request, { target: "scr", status: 500, times: 1 });
  await page.reload();
  await expect(page.getByTestId("upstream-failure")).toContainText("We could not get information from the Summary Care Record (SCR)");
  await expect(page.getByTestId("failure-reference")).toHaveText(/^[0-9a-f-]{36}$/);
});

test("the print view carries the banner and who printed it, when", async ({ page }) => {
  await signInAsGp(page);
  await openScr(page, "9693632109");
  await confirmBasis(page, "I have a legitimate relationship with the patient");
  await page.getByRole("link", { name: "Print view" }).click();
  await expect(page.getByTestId("patient-banner")).toContainText("GARTON, Bill");
  await expect(page.getByTestId("print-footer")).toContainText(
    "Printed by Priya Raman, Clinical Practitioner Access Role, Trevelyan Square Surgery (Y12345), on",
  );
  await expect(page.getByTestId("scr-record")).toBeVisible();
  await expectAccessible(page, "print view");
});

test("a role signed in below assurance level 3 cannot see SCRs", async ({ page }) => {
  await signInAs(page, USERS.singleRoleAal2);
  await openScr(page, "9000000009");
  // the same refusal, with the reason, as a full page load of the tab gets (route-access.spec.ts checks its 403)
  await expect(page.getByTestId("forbidden")).toContainText("assurance level 3");
});

test("every page shows whose access to patient data this is", async ({ page }) => {
  await signInAsGpAndSearch(page, "9000000009");
  await expect(page.getByTestId("confidentiality-banner")).toHaveText(
    "Confidential patient data accessed by Priya Raman, Clinical Practitioner Access Role, Trevelyan Square Surgery (Y12345)",
  );
});
