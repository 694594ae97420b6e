import { expect, type Page } from "@playwright/test";
import { openRecordSection } from "./journeys";

export const LEEDS_UTC = "Leeds City Urgent Treatment Centre";
export const SCUNTHORPE_UTC = "Scunthorpe Urgent Treatment Centre";

/** From Find a patient, the patient's Referrals tab, then "Refer or book with BaRS". */
export async function openReferOrBook(page: Page, nhsNumber = "9693632109") {
  await openRecordSection(page, nhsNumber, "Referrals");
  await page.getByRole("link", { name: "Refer or book with BaRS" }).click();
  await expect(page.getByLabel("Search for")).toBeVisible();
}

export async function searchServices(page: Page, by: "name" | "ods" | "postcode", text: string, type = "") {
  await page.getByLabel("Search by").selectOption(by);
  await page.getByLabel("Search for").fill(text);
  await page.getByLabel("Type of service").selectOption(type);
  await page.getByRole("button", { name: "Search", exact: true }).click();
}

export async function chooseAndWrite(page: Page, receiver: string, reason = "Laceration to left palm, 3 cm, needs closure; tetanus up to date.") {
  await page.getByRole("button", { name: `Refer to ${receiver}` }).click();
  await expect(page.getByTestId("referral-heading")).toHaveText(`Refer to ${receiver}`);
  await page.getByLabel("Reason for referral").fill(reason);
}
