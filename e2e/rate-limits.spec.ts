import { expect, test } from "./support/test";
import { expectAccessible } from "./support/axe";
import { openRecord, signInAs, signInAsGp, USERS } from "./support/journeys";

test("one person's requests beyond their Summary Care Record allowance get a 429 page saying how long to wait; others carry on", async ({ page, browser }) => {
  await signInAs(page, USERS.consultant);
  const ref = await openRecord(page, "9693632109");
  // a runaway client under this person's session: far more SCR page requests in a minute than anyone reads (the
  // journeys' servers allow 40 a minute, refilled evenly, so twice that at once is well beyond it however slow they are)
  const runaway = await Promise.all(
    Array.from({ length: 80 }, () => page.request.get(`/patient/${crypto.randomUUID()}/summary-care-record`, { maxRedirects: 0, failOnStatusCode: false })),
  );
  expect(runaway.every((response) => response.status() < 500)).toBe(true);

  // the allowance refills evenly (one every 1.5 s here), so a slow machine may let one more through: the clinician
  // keeps trying, as a stuck page would, until refused, which must come within a few tries
  let refused = await page.goto(`/patient/${ref}/summary-care-record`);
  for (let tries = 1; refused?.status() !== 429 && tries < 10; tries += 1) refused = await page.goto(`/patient/${ref}/summary-care-record`);
  expect(refused?.status()).toBe(429);
  expect(refused?.headers()["retry-after"]).toMatch(/^[1-9]\d*$/);
  expect(refused?.headers()["cache-control"]).toContain("no-store");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You have made too many requests in a short time");
  await expect(page.getByTestId("too-many-requests")).toContainText(/Wait \d+ seconds?, then try again\./);
  await expectAccessible(page, "too many requests");
  // the page as a bookmark or Back would open it, without the proxy's wait: it says to wait a minute
  await page.goto("/too-many-requests");
  await expect(page.getByTestId("too-many-requests")).toContainText("Wait a minute, then try again.");
  await expectAccessible(page, "too many requests, opened directly");

  // the limit is this person's: another clinician opening the same record is not held back
  const colleague = await browser.newContext();
  const other = await colleague.newPage();
  await signInAsGp(other);
  const otherRef = await openRecord(other, "9693632109");
  const allowed = await other.goto(`/patient/${otherRef}/summary-care-record`);
  expect(allowed?.status()).toBe(200);
  await colleague.close();
});
