import { expect, test } from "./support/test";
import { expectAccessible } from "./support/axe";
import { auditOutcomes, auditRowsOf, expectLastAudit } from "./support/audit";
import { openRecord, openRecordSection, openSection, signInAs, signInAsGp, USERS } from "./support/journeys";
import { clearFaults, clearRequestLog, injectFault, requestsTo } from "./support/stand-in";

test.afterEach(async ({ request }) => clearFaults(request));

const openGpRecord = (page: import("@playwright/test").Page, nhsNumber: string) => openRecordSection(page, nhsNumber, "GP record");

test("the rich GP record: practice and time, warnings word for word, every section, and all consultations only on request", async ({ page, request }) => {
  await signInAsGp(page);
  await clearRequestLog(request);
  await openGpRecord(page, "9690937286");
  await expect(page.getByTestId("gp-record-practice")).toHaveText("Orange Test Practice (B82617)");
  await expect(page.getByTestId("gp-record-retrieved")).toContainText("From the GP practice's own system, through GP Connect");
  await expect(page.getByTestId("gp-record-warning")).toHaveText([
    "Items excluded due to confidentiality and/or patient preferences.",
    "Patient record transfer from previous GP practice not yet complete; information recorded before 14-Mar-2024 may be missing.",
    "Patient data may be incomplete as there is data supplied by a third party awaiting review before becoming available.",
  ]);
  const bisoprolol = page.getByTestId("gp-medications-current").getByTestId("gp-medication").filter({ hasText: "Bisoprolol 2.5mg tablets" });
  await expect(bisoprolol).toContainText("23 November 2026");
  await expect(bisoprolol).toContainText("5 issues");
  await expect(bisoprolol).toContainText("Dr Amelia HART, Orange Test Practice");
  await expect(page.getByTestId("gp-medications-past")).toContainText("Furosemide 40mg tablets");
  await expect(page.getByTestId("gp-allergy").filter({ hasText: "Aspirin" })).toContainText("Tolerated low-dose aspirin under supervision");
  await expect(page.getByTestId("gp-problem").first()).toContainText("Atrial fibrillation");
  await expect(page.getByTestId("gp-immunisations")).toContainText("Influenza vaccination");
  // recorded by its code alone: the Terminology Server's term, said to be one
  await expect(page.getByTestId("gp-immunisations")).toContainText(
    "Pneumovax 23 vaccine solution for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd) (SNOMED CT term: the practice recorded only its code)",
  );
  await expect(page.getByTestId("gp-investigations")).toContainText("Serum potassium: 4.6 mmol/L");
  await expect(page.getByTestId("gp-referrals")).toContainText("Cardiology");
  await expect(page.getByTestId("gp-consultation")).toHaveCount(3);
  await expectAccessible(page, "rich record");
  expectLastAudit("9690937286", "gp-record-view", "data-returned");
  // SDS then the SSP, once each: the record was asked for once, with the latest consultations only
  expect(await requestsTo(request, "/spine-secure-proxy")).toHaveLength(1);

  await page.getByTestId("gp-all-consultations").click();
  await expect(page.getByRole("heading", { name: "All consultations" })).toBeVisible();
  await expect(page.getByTestId("gp-consultation")).toHaveCount(5);
  await expect(page.getByTestId("gp-consultation").last()).toContainText("Furosemide stopped");
  await expectAccessible(page, "all consultations");
  expect(await requestsTo(request, "/spine-secure-proxy")).toHaveLength(2);
  expectLastAudit("9690937286", "gp-record-consultations-view", "data-returned");
});

test("each outcome has its own message and reference, and is audited", async ({ page }) => {
  await signInAsGp(page);
  await openGpRecord(page, "9690938576");
  await expect(page.getByTestId("gp-record-no-consent")).toContainText("The patient has asked for their GP record not to be shared");
  await expect(page.getByTestId("gp-record-reference")).toHaveText(/^[0-9a-f-]{36}$/);
  await expectAccessible(page, "no consent");
  expectLastAudit("9690938576", "gp-record-view", "refused");

  await page.goto("/find-patient");
  await openGpRecord(page, "9690938533");
  await expect(page.getByTestId("gp-record-not-available")).toContainText("sensitive, the patient has died, they are no longer registered");
  expectLastAudit("9690938533", "gp-record-view", "not-found");

  // Garthorpe Surgery has no GP Connect in SDS
  await page.goto("/find-patient");
  await openGpRecord(page, "5900034372");
  await expect(page.getByTestId("gp-record-not-offered")).toContainText(/Garthorpe Surgery does not share its records through GP Connect/i);
  expectLastAudit("5900034372", "gp-record-view", "not-found");

  // what the SSP or the practice's system can answer instead of a record
  for (const [fault, testId, heading] of [
    [{ status: 400 }, "gp-record-refused", "The request for the GP record was refused"],
    [{ kind: "malformed-json" }, "gp-record-malformed", "The GP record could not be read"],
    [{ status: 501 }, "gp-record-not-enabled", "GP Connect is switched off at this practice"],
  ] as const) {
    await injectFault(page.request, { target: "gpconnect", ...fault });
    await page.goto("/find-patient");
    await openGpRecord(page, "9690937286");
    await expect(page.getByTestId(testId)).toContainText(heading);
    await expect(page.getByText(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/).first()).toBeVisible();
    await clearFaults(page.request);
  }
});

test("a practice record whose details differ from PDS is shown under a banner naming the differences, and audited", async ({ page }) => {
  await signInAsGp(page);
  const ref = await openGpRecord(page, "9690938622");
  const banner = page.getByTestId("gp-record-mismatch");
  await expect(banner).toContainText("The name and date of birth in the GP record are not the same as on the Personal Demographics Service");
  await expect(banner).toContainText("FENWICK");
  await expect(page.getByTestId("gp-problem")).toContainText("Asthma");
  expect(auditRowsOf("9690938622", "gp-record-mismatch").at(-1)).toMatchObject({ outcome: "data-returned", reason: "name, date-of-birth" });
  // the consultations, asked for on their own, carry the same warning
  await page.goto(`/patient/${ref}/gp-record/consultations`);
  await expect(page.getByTestId("gp-record-mismatch")).toContainText("FENWICK");
  await expect(page.getByTestId("gp-consultations-count")).toHaveText("0 consultations, newest first.");
});

test("the practice's system failing is said plainly, with the reference, and the rest of the record still opens", async ({ page, request }) => {
  await signInAsGp(page);
  await openRecord(page, "9693632109");
  await injectFault(request, { target: "gpconnect", status: 500 });
  await openSection(page, "GP record");
  await expect(page.getByTestId("gp-record-unavailable")).toContainText("The GP practice's system did not answer");
  await expect(page.getByTestId("failure-reference")).toHaveText(/^[0-9a-f-]{36}$/);
  expect(auditOutcomes("9693632109", "gp-record-view").at(-1)).toBe("upstream-failure");
  await clearFaults(request);
  await openSection(page, "Immunisations");
  await expect(page.getByTestId("immunisation-row").first()).toBeVisible();
});

test("a role without smartcard assurance is refused the GP record with the reason, and nothing is asked of GP Connect", async ({ page, request }) => {
  await signInAs(page, USERS.singleRoleAal2);
  const ref = await openRecord(page, "9693632109");
  await clearRequestLog(request);
  const response = await page.goto(`/patient/${ref}/gp-record`);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toHaveText(
    "Your selected role cannot see the GP record. You need a clinical role with View Patient Medication (B0401), signed in with a smartcard or equivalent.",
  );
  await expectAccessible(page, "refused");
  expect(await requestsTo(request, "/spine-secure-proxy")).toHaveLength(0);
});
