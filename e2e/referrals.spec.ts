import { expect, test, type Page } from "./support/test";
import { auditOutcomes, expectLastAudit } from "./support/audit";
import { expectAccessible } from "./support/axe";
import { expectTestIdsContain } from "./support/texts";
import { chooseRole, openRecordSection, signInAs, signInAsGp, USERS } from "./support/journeys";
import { clearFaults, injectFault } from "./support/stand-in";

test.afterEach(async ({ request }) => clearFaults(request));

const openReferrals = (page: Page, nhsNumber: string) => openRecordSection(page, nhsNumber, "Referrals");

async function enterUbrn(page: Page, ubrn: string) {
  await page.getByLabel("UBRN").fill(ubrn);
  await page.getByRole("button", { name: "Open referral" }).click();
}

test("a booked referral by UBRN: state, priority, service, appointment and attachments; audited", async ({ page }) => {
  await signInAsGp(page);
  await openReferrals(page, "9693632109");
  await expectAccessible(page, "referrals tab");
  await enterUbrn(page, "0000 0007 0001");
  await expect(page.getByTestId("referral-heading")).toHaveText("Referral 0000 0007 0001");
  expect(page.url()).not.toContain("000000070001");
  await expect(page.getByTestId("referral-state")).toHaveText("Booked");
  await expect(page.getByTestId("referral-priority")).toHaveText("Urgent");
  await expectTestIdsContain(page, {
    "referral-service": "Cardiology Rapid Access Chest Pain Clinic",
    "referral-appointment": "26 November 2026",
    // e-RS's A005 carries no clinical information: it is in the referral letter
    "referral-clinical": "in the referral letter",
    "source-provenance": "From e-RS, retrieved",
  });
  await expectAccessible(page, "referral");
  expectLastAudit("9693632109", "referral-view", "data-returned");

  const download = page.getByRole("link", { name: "Download Resting ECG" });
  const response = await page.request.get((await download.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
  expectLastAudit("9693632109", "referral-attachment-view", "data-returned");

  await page.getByRole("link", { name: "Back to referrals" }).click();
  await expect(page.getByTestId("opened-referrals")).toContainText("Referral 0000 0007 0001");
});

for (const [ubrn, nhsNumber, check] of [
  ["000000070000", "9693632109", async (page: Page) => expect(page.getByTestId("referral-state")).toHaveText("Not booked")],
  ["000000070002", "9000000009", async (page: Page) => expect(page.getByTestId("referral-appointment")).toContainText("9 December 2026")],
  ["000000070003", "9693632109", async (page: Page) => expect(page.getByTestId("referral-state")).toHaveText("Deferred to provider")],
  ["000000070004", "9000000009", async (page: Page) => expect(page.getByTestId("referral-converted")).toBeVisible()],
  ["000000070005", "9693632109", async (page: Page) => expect(page.getByTestId("referral-related")).toBeVisible()],
  ["000000070011", "9693632109", async (page: Page) => expect(page.getByTestId("referral-requirements").locator("li").first()).toBeVisible()],
  [
    "000000070012",
    "9000000009",
    async (page: Page) => {
      await expect(page.getByTestId("attachment-unavailable")).toHaveCount(3);
      await expect(page.getByTestId("referral-attachments")).toContainText("a virus scan found a threat");
    },
  ],
] as const) {
  test(`UBRN ${ubrn} shows what makes it different`, async ({ page }) => {
    await signInAsGp(page);
    await openReferrals(page, nhsNumber);
    await enterUbrn(page, ubrn);
    await expect(page.getByTestId("referral-heading")).toBeVisible();
    await check(page);
  });
}

test("a UBRN in the wrong format, an unknown one, and one for another patient each get a clear answer", async ({ page }) => {
  await signInAsGp(page);
  await openReferrals(page, "9693632109");
  await enterUbrn(page, "1234");
  await expect(page.getByTestId("error-summary")).toContainText("Enter a UBRN of 12 digits");
  await expectAccessible(page, "UBRN error");
  await enterUbrn(page, "000000079999");
  await expect(page.getByTestId("ubrn-outcome")).toContainText("e-RS has no referral with the UBRN 000000079999");
  await enterUbrn(page, "000000070002");
  await expect(page.getByTestId("ubrn-outcome")).toContainText("for a different patient");
  await expect(page.getByTestId("referral-heading")).toHaveCount(0);
  expect(auditOutcomes("9693632109", "referral-view")).toEqual(expect.arrayContaining(["not-found", "refused"]));
});

test("from the Find page, a UBRN opens the referral in its patient's record", async ({ page }) => {
  await signInAsGp(page);
  await page.goto("/find-patient/ubrn");
  await expectAccessible(page, "find by UBRN");
  await enterUbrn(page, "000000070004");
  await expect(page.getByTestId("referral-heading")).toHaveText("Referral 0000 0007 0004");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
});

test("a user without an e-RS role at their organisation is told why; an e-RS failure is explained", async ({ page, request }) => {
  await signInAs(page, USERS.multiRole);
  await chooseRole(page, /Health Professional Access Role/);
  await openReferrals(page, "9693632109");
  await enterUbrn(page, "000000070001");
  await expect(page.getByTestId("ubrn-outcome")).toContainText("You do not have an e-RS role at Boar Lane Pharmacy");

  await injectFault(request, { target: "ers", kind: "status", status: 500 });
  await enterUbrn(page, "000000070001");
  await expect(page.getByTestId("upstream-failure")).toContainText("the e-Referral Service (e-RS)");
  await expectAccessible(page, "e-RS failure");
});
