import { expect, test } from "./support/test";
import { expectAccessible } from "./support/axe";
import { signInAsGpAndSearch } from "./support/journeys";
import { clearFaults, injectFault } from "./support/stand-in";

test("sign out ends the session here and at CIS2, and back shows no patient data", async ({ page }) => {
  await signInAsGpAndSearch(page, "9000000009");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
  const patientUrl = page.url();

  // sign-out is a plain form post: the next page is loaded whole, so no client-side state of the record survives
  await page.evaluate(() => Object.assign(window, { __beforeSignOut: true }));
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signed-out$/);
  expect(await page.evaluate(() => "__beforeSignOut" in window)).toBe(false);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You have signed out");
  await expectAccessible(page);

  await page.goBack();
  await expect(page.getByTestId("patient-banner")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("SMITH, Jane");

  await page.goto(patientUrl);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("body")).not.toContainText("SMITH, Jane");

  // CIS2's session ended too: signing in again asks for the username
  await page.getByRole("button", { name: "Sign in with NHS CIS2" }).click();
  await page.waitForURL(/\/interaction\//);
  await expect(page.getByLabel("Username")).toBeVisible();
});

test("sign out while CIS2 cannot be reached still ends with a full page load to the signed-out page, and Back shows no patient data", async ({
  page,
  request,
}) => {
  await signInAsGpAndSearch(page, "9000000009");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
  const patientUrl = page.url();
  await injectFault(request, { target: "cis2", kind: "status", status: 503 });
  try {
    await page.evaluate(() => Object.assign(window, { __beforeSignOut: true }));
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signed-out\?cis2=unreachable$/);
    expect(await page.evaluate(() => "__beforeSignOut" in window)).toBe(false);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You have signed out of this service");
    await expect(page.getByTestId("signed-out-reason")).toContainText("you may still be signed in to CIS2");
    await expectAccessible(page, "CIS2 unreachable");

    await page.goBack();
    await expect(page.locator("body")).not.toContainText("SMITH, Jane");
    await expect(page.getByTestId("patient-banner")).toHaveCount(0);
    await page.goto(patientUrl);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator("body")).not.toContainText("SMITH, Jane");
  } finally {
    await clearFaults(request);
  }
});

test("a patient page is not kept by the browser or a proxy", async ({ page }) => {
  await signInAsGpAndSearch(page, "9000000009");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
  const response = await page.goto(page.url());
  expect(response?.headers()["cache-control"]).toContain("no-store");
});
