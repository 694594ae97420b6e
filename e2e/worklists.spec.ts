import { expect, test } from "./support/test";
import { expectAccessible } from "./support/axe";
import { signInAs, signInAsGp } from "./support/journeys";
import { clearFaults, injectFault } from "./support/stand-in";

const CONSULTANT = "656005750112";

test.afterEach(async ({ request }) => clearFaults(request));

test("a provider clinician's worklists: referrals for review, filtered by specialty, each row opening the referral in its patient's record", async ({
  page,
}) => {
  await signInAs(page, CONSULTANT);
  await page.getByRole("link", { name: "e-RS worklists" }).click();
  await expect(page.getByRole("heading", { name: "e-RS worklists", level: 1 })).toBeVisible();
  await expect(page.getByText("acting as service provider clinician")).toBeVisible();
  const lists = page.getByRole("navigation", { name: "Worklists" });
  await expect(lists.getByRole("link")).toHaveText(["Referrals for review", "Appointment slot issues", "Awaiting booking"]);
  const rows = page.getByTestId("worklist-row");
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  await expect(page.getByTestId("worklist-count")).toHaveText(`Showing 1 to ${total} of ${total}`);
  await expectAccessible(page, "worklist");

  await page.getByText("Filter the worklist").click();
  const specialty = page.getByLabel("Specialty");
  const firstSpecialty = (await specialty.locator("option").nth(1).textContent())!;
  await specialty.selectOption({ label: firstSpecialty });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain(firstSpecialty);
  expect(page.url()).not.toMatch(/\d{10}/);
  await expectAccessible(page, "filtered worklist");

  await rows.first().getByRole("link").click();
  await expect(page.getByTestId("referral-heading")).toBeVisible();
  await expect(page.getByTestId("patient-banner")).toBeVisible();

  await page.goto(`/worklists/open/${crypto.randomUUID()}`);
  await expect(page.getByTestId("worklist-open-problem")).toContainText("no longer open in this session");
  await expectAccessible(page, "worklist item that cannot be opened");

  await page.goto("/worklists?list=AWAITING_BOOKING");
  await expect(lists.getByRole("link", { name: "Awaiting booking" })).toHaveAttribute("aria-current", "page");
});

test("a referring clinician sees the referrer's worklists; an e-RS failure is explained", async ({ page, request }) => {
  await signInAsGp(page);
  await page.getByRole("link", { name: "e-RS worklists" }).click();
  await expect(page.getByRole("navigation", { name: "Worklists" }).getByRole("link")).toHaveText([
    "Rejected triage responses",
    "Assessment returned, cancelled or did not attend",
    "Letters outstanding",
  ]);
  await injectFault(request, { target: "ers", kind: "status", status: 503, times: 3 });
  await page.reload();
  await expect(page.getByTestId("upstream-failure")).toContainText("the e-Referral Service (e-RS)");
  await expectAccessible(page, "worklist failure");
});
