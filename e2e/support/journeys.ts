import { expect, type Page } from "@playwright/test";

export const APP_ORIGIN = `http://localhost:${process.env.E2E_APP_PORT ?? 3000}`;

export const USERS = {
  multiRole: "656005750104",
  singleRoleAal2: "656005750109",
  aal1: "656005750110",
  noRoles: "656005750111",
  privacyOfficer: "656005750113",
} as const;

/** From the start page through the mock CIS2, as a person would. Returns once back in the app. */
export async function signInAs(page: Page, username: string) {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with NHS CIS2" }).click();
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel("Username").fill(username);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.origin === APP_ORIGIN && !url.pathname.startsWith("/api/auth"));
}

export async function chooseRole(page: Page, roleName: RegExp | string) {
  await expect(page.getByRole("heading", { level: 1, name: "Select your role" })).toBeVisible();
  await page.getByRole("radio", { name: roleName }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Find a patient" })).toBeVisible();
}

export async function searchByNhsNumber(page: Page, nhsNumber: string) {
  await page.getByLabel("NHS number").fill(nhsNumber);
  await page.getByRole("button", { name: "Search" }).click();
}

/** Sign in as the AAL3 GP and land on Find a patient. */
export async function signInAsGp(page: Page) {
  await signInAs(page, USERS.multiRole);
  await chooseRole(page, /Clinical Practitioner Access Role/);
}
