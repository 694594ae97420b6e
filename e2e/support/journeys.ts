import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { ownServers } from "./servers";

/** This worker's app. */
export const APP_ORIGIN = ownServers().appOrigin;

export const USERS = {
  multiRole: "656005750104",
  singleRoleAal2: "656005750109",
  aal1: "656005750110",
  noRoles: "656005750111",
  privacyOfficer: "656005750113",
  caldicottGuardian: "656005750114",
  consultant: "656005750112",
} as const;

/**
 * Through the start page and the mock CIS2's pages, as a person would. Returns once back in the app.
 * The sign-in journeys use this; the others use signInAs, which makes the same exchanges without drawing the pages.
 */
export async function signInThroughPages(page: Page, username: string) {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with NHS CIS2" }).click();
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel("Username").fill(username);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.origin === APP_ORIGIN && !url.pathname.startsWith("/api/auth"));
}

/**
 * The same CIS2 sign-in (next-auth's CSRF token and sign-in request, the authorisation request with
 * PKCE, state and nonce, the mock CIS2's login form, the code exchange at the app's callback) made with
 * the browser context's own cookie jar but without rendering each page, then the app's first page
 * opened in the browser: where sign-in lands. A fresh server session every journey.
 */
/**
 * A GET, sent again once if the kept-alive connection it went out on was closed by the server at that moment (the
 * server's keep-alive timeout racing the reuse: ECONNRESET before any answer), as browsers do for such requests.
 */
async function getOnFreshConnectionIfReset(http: APIRequestContext, url: string) {
  try {
    return await http.get(url);
  } catch (error) {
    if (!/ECONNRESET|socket hang up/.test(String(error))) throw error;
    return http.get(url);
  }
}

export async function signInAs(page: Page, username: string) {
  const http = page.context().request;
  const { csrfToken } = (await (await getOnFreshConnectionIfReset(http, "/api/auth/csrf")).json()) as { csrfToken: string };
  const started = await http.post("/api/auth/signin/cis2", { form: { csrfToken, callbackUrl: "/continue", json: "true" } });
  const { url: authorise } = (await started.json()) as { url: string };
  const loginPage = await getOnFreshConnectionIfReset(http, authorise);
  expect(loginPage.url(), "the mock CIS2's login page").toMatch(/\/interaction\/[^/]+$/);
  const loggedIn = await http.post(`${loginPage.url()}/login`, { form: { username } });
  expect(new URL(loggedIn.url()).origin, `back in the app after signing in as ${username}`).toBe(APP_ORIGIN);
  await page.goto("/continue");
  await page.waitForURL((url) => url.origin === APP_ORIGIN && url.pathname !== "/continue");
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

/** Fill a day, month and year group, found by its legend. */
export async function fillDate(page: Page, legend: string, day: string, month: string, year: string) {
  const group = page.getByRole("group", { name: legend, exact: true });
  await group.getByLabel("Day").fill(day);
  await group.getByLabel("Month").fill(month);
  await group.getByLabel("Year").fill(year);
}

/** Find a patient by their details (last name and date of birth, and whatever else is given) with the basic search. */
export async function searchByDetails(
  page: Page,
  details: { family: string; given?: string; gender?: string; dob: [day: string, month: string, year: string]; postcode?: string },
) {
  await page.goto("/find-patient/details");
  await page.getByLabel("Last name").fill(details.family);
  if (details.given) await page.getByLabel("First name (optional)").fill(details.given);
  if (details.gender) await page.getByRole("radio", { name: details.gender, exact: true }).check();
  await fillDate(page, "Date of birth", ...details.dob);
  if (details.postcode) await page.getByLabel("Postcode (optional)").fill(details.postcode);
  await page.getByRole("button", { name: "Search" }).click();
}

/** From Find a patient, search by NHS number and wait for the patient's record; returns the record's reference from its URL. */
export async function openRecord(page: Page, nhsNumber: string): Promise<string> {
  await searchByNhsNumber(page, nhsNumber);
  await expect(page.getByTestId("patient-banner")).toBeVisible();
  return /\/patient\/([0-9a-f-]{36})/.exec(page.url())![1];
}

/** Open a part of the record by the record's own navigation. */
export async function openSection(page: Page, section: string) {
  await page.getByRole("navigation", { name: "Patient record" }).getByRole("link", { name: section, exact: true }).click();
}

/** From Find a patient, open a patient's record at one of its sections (Prescriptions, Referrals, ...); returns the record's reference. */
export async function openRecordSection(page: Page, nhsNumber: string, section: string): Promise<string> {
  const ref = await openRecord(page, nhsNumber);
  await openSection(page, section);
  return ref;
}

/** Sign in as the AAL3 GP and land on Find a patient. */
export async function signInAsGp(page: Page) {
  await signInAs(page, USERS.multiRole);
  await chooseRole(page, /Clinical Practitioner Access Role/);
}

/** Sign in as the AAL3 GP and search by NHS number, whatever the search then shows. */
export async function signInAsGpAndSearch(page: Page, nhsNumber: string) {
  await signInAsGp(page);
  await searchByNhsNumber(page, nhsNumber);
}
