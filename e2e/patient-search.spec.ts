import { expect, test, type Page } from "./support/test";
import { expectAccessible } from "./support/axe";
import { fillDate, searchByDetails, signInAsGp, signInAsGpAndSearch } from "./support/journeys";

async function advancedSearch(
  page: Page,
  details: { family: string; given?: string; dob?: [string, string, string]; postcode?: string; options?: string[]; gender?: string },
) {
  await page.goto("/find-patient/advanced");
  await page.getByLabel("Last name").fill(details.family);
  await page.getByLabel("First name (optional)").fill(details.given ?? "");
  if (details.gender) await page.getByRole("radio", { name: details.gender, exact: true }).check();
  if (details.dob) await fillDate(page, "Date of birth", ...details.dob);
  await page.getByLabel("Postcode (optional)").fill(details.postcode ?? "");
  // the form starts filled from the last search: set every option, not only the wanted ones
  for (const option of ADVANCED_OPTIONS) await page.getByLabel(option).setChecked((details.options ?? []).includes(option));
  await page.getByRole("button", { name: "Search" }).click();
}

const ADVANCED_OPTIONS = [
  "Include similar names (for example, misspellings and alternative spellings)",
  "Exact match only",
  "Include historic names, addresses and contact details",
];

const resultNames = (page: Page) => page.getByTestId("search-result").locator("td:first-child a");

test("Smith, female, 22 October 2010 finds Jane Smith, marked deceased; the record and Back keep the search out of the URL", async ({ page }) => {
  const urls: string[] = [];
  page.on("framenavigated", (frame) => urls.push(frame.url()));
  await signInAsGp(page);
  await page.getByRole("link", { name: "Patient details" }).click();
  await expectAccessible(page);
  await searchByDetails(page, { family: "Smith", gender: "Female", dob: ["22", "10", "2010"] });
  await expect(page).toHaveURL(/\/find-patient\/results$/);
  await expect(page.getByTestId("searched-for")).toContainText("Smith, Female, born 22 October 2010");
  await expect(resultNames(page)).toHaveText(["SMITH, Jane"]);
  const row = page.getByTestId("search-result").first();
  await expect(row).toContainText("900 000 0009");
  await expect(row).toContainText("Deceased 22 October 2010");
  await expect(row).toContainText("Trevelyan Square Surgery".toUpperCase());
  await expect(row).toContainText("Exact");
  await expectAccessible(page);

  await resultNames(page).first().click();
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
  await page.getByRole("link", { name: "Back to search results" }).click();
  await expect(resultNames(page)).toHaveText(["SMITH, Jane"]);
  await page.getByRole("link", { name: "Change search" }).click();
  await expect(page.getByLabel("Last name")).toHaveValue("Smith");
  await expect(page.getByRole("group", { name: "Date of birth", exact: true }).getByLabel("Year")).toHaveValue("2010");
  for (const url of urls) expect(url).not.toMatch(/9000000009|Smith|2010-10-22|22.10.2010/i);
});

test("the search forms check every field before any call, each error linked to its field", async ({ page }) => {
  await signInAsGp(page);
  await page.goto("/find-patient/details");
  await page.getByLabel("Last name").fill("Sm*");
  await fillDate(page, "Date of birth", "31", "2", "2010");
  await page.getByLabel("Postcode (optional)").fill("nowhere");
  await page.getByRole("button", { name: "Search" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary.getByRole("link")).toHaveText([
    "Wildcards (*) can only be used in advanced search",
    "Date of birth must be a real date",
    "Enter a real postcode, for example LS1 6AE",
  ]);
  await expect(page).toHaveTitle(/^Error: Find a patient by their details/);
  await expectAccessible(page, "errors");
  await summary.getByRole("link", { name: "Date of birth must be a real date" }).click();
  await expect(page.getByRole("group", { name: "Date of birth", exact: true }).getByLabel("Day")).toBeFocused();

  await page.goto("/find-patient/advanced");
  await expectAccessible(page);
  await advancedSearch(page, {
    family: "Sm*",
    dob: ["22", "10", "2010"],
    options: ["Include similar names (for example, misspellings and alternative spellings)"],
  });
  await expect(page.getByTestId("error-summary")).toContainText("Similar names cannot be combined with wildcards");
  await expectAccessible(page, "errors");
});

test("a wildcard finds two patients, sorted by match score", async ({ page }) => {
  await signInAsGp(page);
  await advancedSearch(page, { family: "Sm*", gender: "Female", dob: ["22", "10", "2010"] });
  await expect(resultNames(page)).toHaveText(["SMITH, Jane", "SMYTH, Jayne"]);
  await expect(page.getByTestId("search-result").nth(1)).toContainText("83%");
  await expect(page.getByTestId("result-count")).toHaveText("2 patients found");
});

test("YOUDS finds four people, and McMatch-Multiple two at DN19 7UD", async ({ page }) => {
  await signInAsGp(page);
  await advancedSearch(page, { family: "YOUDS", dob: ["24", "1", "1970"] });
  await expect(page.getByTestId("search-result")).toHaveCount(4);
  await searchByDetails(page, { family: "McMatch-Multiple", dob: ["20", "8", "1997"], postcode: "DN19 7UD" });
  await expect(page.getByTestId("search-result")).toHaveCount(2);
});

test("a restricted patient is marked, with no address or GP, in the results and the record", async ({ page }) => {
  await signInAsGp(page);
  await searchByDetails(page, { family: "Godsoe", gender: "Male", dob: ["24", "2", "1936"] });
  const row = page.getByTestId("search-result").first();
  await expect(row.locator("td").nth(4)).toHaveText("Restricted");
  await expect(row.locator("td").nth(5)).toHaveText("Restricted");
  await expect(row).toContainText("Restricted");
  await resultNames(page).first().click();
  await expect(page.getByTestId("restricted-flag")).toBeVisible();
  await expect(page.getByTestId("patient-address")).toHaveText("Restricted");
  await page.getByRole("link", { name: "Patient details" }).click();
  await expect(page.getByTestId("details-addresses")).toHaveCount(0);
  await expect(page.getByTestId("details-contact")).toHaveCount(0);
  // his daughter is named with the relationship, but nothing that leads to where he lives
  const related = page.getByTestId("details-related");
  await expect(related).toContainText("child");
  await expect(related).toContainText("GODSOE, Margaret");
  await expect(page.getByTestId("related-restricted")).toContainText("Restricted");
  for (const withheld of ["01632960777", "Orchard Close", "DN20", "944 930 5552"]) await expect(related).not.toContainText(withheld);
  await expectAccessible(page, "restricted patient's details");
});

test("too many matches says so and suggests what to add", async ({ page }) => {
  await signInAsGp(page);
  await advancedSearch(page, { family: "Smith", gender: "Male", dob: ["5", "5", "2000"], postcode: "DN17*" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Too many patients match your search");
  await expect(page.getByTestId("search-advice")).toContainText("the patient's first name");
  await expectAccessible(page, "too many");
});

test("no match says so, with advice to widen the search", async ({ page }) => {
  await signInAsGp(page);
  await searchByDetails(page, { family: "Nobody", dob: ["1", "1", "1990"] });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No patients found");
  await expect(page.getByTestId("search-advice")).toContainText("similar names");
  await expectAccessible(page, "none found");
});

test("similar names and historic details find Bill Garton by his former name", async ({ page }) => {
  await signInAsGp(page);
  await advancedSearch(page, {
    family: "Blogs",
    given: "Joe",
    dob: ["5", "11", "1955"],
    options: ["Include similar names (for example, misspellings and alternative spellings)"],
  });
  await expect(resultNames(page)).toHaveText(["GARTON, Bill"]);
  await advancedSearch(page, { family: "Blogs", dob: ["5", "11", "1955"] });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No patients found");
  await advancedSearch(page, { family: "Blogs", dob: ["5", "11", "1955"], options: ["Include historic names, addresses and contact details"] });
  await expect(resultNames(page)).toHaveText(["GARTON, Bill"]);
});

test("a superseded NHS number opens the current record and says the number changed", async ({ page }) => {
  await signInAsGpAndSearch(page, "9732019387");
  await expect(page.getByTestId("superseded-notice")).toContainText("The NHS number 973 201 9387 has been replaced");
  await expect(page.getByTestId("superseded-notice")).toContainText("973 201 9395");
  await expect(page.getByTestId("patient-name")).toHaveText("CUFF, Jane");
  await expectAccessible(page, "superseded");
});

test("an invalidated NHS number is explained", async ({ page }) => {
  await signInAsGpAndSearch(page, "9000000068");
  await expect(page.getByTestId("search-outcome")).toContainText("This NHS number is no longer in use");
});

test("a whole search by details can be done by keyboard", async ({ page }) => {
  await signInAsGp(page);
  await page.goto("/find-patient/details");
  await page.getByLabel("Last name").focus();
  await page.keyboard.type("Smith");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Jane");
  await page.keyboard.press("Tab"); // the gender radios: arrow keys choose
  await page.keyboard.press("Space");
  await expect(page.getByRole("radio", { name: "Female", exact: true })).toBeChecked();
  await page.getByRole("group", { name: "Date of birth", exact: true }).getByLabel("Day").focus();
  await page.keyboard.type("22");
  await page.keyboard.press("Tab");
  await page.keyboard.type("10");
  await page.keyboard.press("Tab");
  await page.keyboard.type("2010");
  await page.keyboard.press("Enter");
  await expect(resultNames(page)).toHaveText(["SMITH, Jane"]);
  await resultNames(page).first().focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("patient-name")).toHaveText("SMITH, Jane");
});
