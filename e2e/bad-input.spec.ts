import { expect, test } from "./support/test";
import { expectAccessible } from "./support/axe";
import { APP_ORIGIN, signInAsGp } from "./support/journeys";
import { clearFaults, injectFault } from "./support/stand-in";

test.afterEach(async ({ request }) => clearFaults(request));

test("a tampered session cookie is treated as signed out", async ({ page, context }) => {
  await signInAsGp(page);
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name === "next-auth.session-token");
  expect(session).toBeDefined();
  await context.addCookies([{ ...session!, value: `${session!.value.slice(0, -8)}AAAAAAAA` }]);
  await page.goto("/find-patient");
  await expect(page).toHaveURL(`${APP_ORIGIN}/`);
  await expect(page.getByRole("button", { name: "Sign in with NHS CIS2" })).toBeVisible();
  await expect(page.getByRole("banner")).not.toContainText("Sign out");
});

test("a sign-in callback with a state the app did not issue is refused with a clear page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with NHS CIS2" }).click();
  await page.waitForURL(/\/interaction\//);
  await page.goto("/api/auth/callback/cis2?code=forged-code&state=forged-state");
  await expect(page).toHaveURL(/\/auth\/error/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("There was a problem signing you in");
  await expect(page.getByTestId("auth-error-explanation")).toContainText("did not match the sign-in you started");
  await expectAccessible(page);
});

test("when CIS2 is down, sign-in says so plainly", async ({ page, request }) => {
  await injectFault(request, { target: "cis2", status: 503 });
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with NHS CIS2" }).click();
  await expect(page).toHaveURL(/\/auth\/error/);
  await expect(page.getByTestId("auth-error-explanation")).toContainText("NHS CIS2 could not be reached");
});

test("an unknown page gets the NHS not-found page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expectAccessible(page);
});

test("a patient link from another session shows nothing about any patient", async ({ page }) => {
  await signInAsGp(page);
  await page.goto("/patient/00000000-0000-4000-8000-000000000000");
  await expect(page.getByTestId("patient-unavailable")).toContainText("expired or belongs to another session");
  await expect(page.getByTestId("patient-banner")).toHaveCount(0);
  await expectAccessible(page, "unknown patient link");
});
