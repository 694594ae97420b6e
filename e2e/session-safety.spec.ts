import { expect, test } from "./support/test";
import { expectAccessible } from "./support/axe";
import { APP_ORIGIN, openRecord, signInAsGp } from "./support/journeys";

test("inactivity: a warning two minutes before, Stay signed in, then signed out with the reason (fake clock)", async ({ browser }) => {
  // a context of its own: the fake clock stays with the context it is installed in, and journeys share theirs
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await signInAsGp(page);
  await openRecord(page, "9000000009");
  const warning = page.getByTestId("session-warning");
  await expect(warning).toBeHidden();
  // let the page's clock tick once, as it would in the second after a page loads
  await page.clock.runFor(2000);

  await page.clock.fastForward("12:50");
  await expect(warning).toBeHidden();
  await page.clock.fastForward("00:20");
  await expect(warning).toBeVisible();
  await expect(warning.getByRole("heading")).toHaveText("You will be signed out soon");
  await expect(warning).toContainText("you will be signed out in 1 minute");
  await expect(warning.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await expectAccessible(page, "timeout warning");

  await warning.getByRole("button", { name: "Stay signed in" }).click();
  await expect(warning).toBeHidden();
  await page.clock.fastForward("14:00");
  await expect(warning).toBeVisible();
  await page.clock.fastForward("01:05");
  await page.waitForURL(/\/signed-out\?reason=inactive$/);
  await expect(page.getByTestId("signed-out-reason")).toHaveText(
    "You were signed out because you had not used the service for 15 minutes. This protects patient information on this device.",
  );
  await page.goto("/find-patient");
  await expect(page).toHaveURL(`${APP_ORIGIN}/`);
  await context.close();
});

test("signing out in one tab signs out every tab, and none shows patient data after", async ({ context }) => {
  const first = await context.newPage();
  await signInAsGp(first);
  await openRecord(first, "9000000009");
  const second = await context.newPage();
  await second.goto(first.url());
  await expect(second.getByTestId("patient-name")).toHaveText("SMITH, Jane");

  await first.getByRole("button", { name: "Sign out" }).click();
  await first.waitForURL(/\/signed-out$/);
  await second.waitForURL(/\/signed-out\?reason=elsewhere$/);
  await expect(second.getByTestId("signed-out-reason")).toContainText("You signed out in another tab or window");
  await expect(second.getByTestId("patient-banner")).toHaveCount(0);
  await second.goBack();
  await expect(second.locator("body")).not.toContainText("SMITH, Jane");
});

test("the session status endpoint tells time left without counting as activity, and refuses other sites", async ({ page }) => {
  await signInAsGp(page);
  const status = await (await page.request.get("/api/session")).json();
  expect(status).toMatchObject({ signedIn: true, idleTimeoutSeconds: 900, warningSeconds: 120 });
  expect(status.idleSecondsRemaining).toBeGreaterThan(800);
  expect((await page.request.post("/api/session/keep-alive", { headers: { origin: "https://attacker.example" } })).status()).toBe(403);
  expect((await page.request.post("/api/session/keep-alive", { headers: { origin: APP_ORIGIN } })).status()).toBe(200);
});
