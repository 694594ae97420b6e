import { expect, test, type Page } from "./support/test";
import { buildPrescriptionId } from "../lib/format/prescription-id";
import { expectAccessible } from "./support/axe";
import { openRecordSection, signInAsGp } from "./support/journeys";
import { clearFaults } from "./support/stand-in";

const CETIRIZINE_ID = buildPrescriptionId("4A7B9C", "Y12345", "3C000");
const GLUCOSE_ID = buildPrescriptionId("D97E21", "A20047", "4A6C8");

test.afterEach(async ({ request }) => clearFaults(request));

async function openPrescription(page: Page, prescriptionId: string) {
  await page.goto("/find-patient/prescription");
  await page.getByLabel("Prescription ID").fill(prescriptionId);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("prescription-heading")).toContainText(prescriptionId);
}

test.describe("NHS.UK information beside a patient's medicines and vaccinations", () => {
  test("a prescription item shows NHS.UK's page about its medicine, with the attribution linked to the source and when it was reviewed, and a print view", async ({
    page,
  }) => {
    await signInAsGp(page);
    await openPrescription(page, CETIRIZINE_ID);
    const about = page.getByTestId("medicine-information");
    await expect(about).toContainText("About Cetirizine 1mg/ml oral solution sugar free (from the NHS website)");
    await about.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(about.getByRole("heading", { name: "About cetirizine" })).toBeVisible();
    await expect(about.getByRole("heading", { name: "How and when to take cetirizine" })).toBeVisible();
    await expect(about.getByRole("heading", { name: "Side effects" })).toBeVisible();
    // only what the patient needs about this medicine: not the page's other sections
    await expect(about.getByRole("heading", { name: "Cautions with other medicines" })).toHaveCount(0);
    await expect(about.getByTestId("nhs-website-source")).toHaveAttribute("href", "https://www.nhs.uk/medicines/cetirizine/");
    await expect(about.getByRole("img", { name: "Content supplied by the NHS website" })).toBeAttached();
    await expect(about.getByTestId("nhs-website-reviewed")).toContainText("Page last reviewed: 2 June 2025");
    // a link in NHS.UK's text leaves the service, and says so
    await expect(about.getByRole("link", { name: /Yellow Card scheme \(opens the NHS website, outside this service\)/ })).toHaveAttribute(
      "rel",
      "external noopener noreferrer",
    );
    await expectAccessible(page, "prescription with NHS.UK information open");

    await about.getByTestId("nhs-website-print-link").click();
    await expect(page.getByTestId("nhs-website-page")).toContainText("Cetirizine (from the NHS website)");
    await expect(page.getByRole("heading", { name: "Cautions with other medicines" })).toBeVisible();
    await expect(page.getByTestId("nhs-website-source")).toHaveAttribute("href", "https://www.nhs.uk/medicines/cetirizine/");
    await expect(page.getByRole("button", { name: "Print this page" })).toBeVisible();
    // nothing about the patient in the address or on the page
    expect(page.url()).toMatch(/\/information\/medicines\/cetirizine$/);
    await expect(page.locator("main")).not.toContainText("SMITH");
    await expectAccessible(page, "NHS.UK page print view");
  });

  test("a medicine with no NHS.UK page says so, and a page NHS.UK does not have is not found", async ({ page }) => {
    await signInAsGp(page);
    await openPrescription(page, GLUCOSE_ID);
    await expect(page.getByTestId("medicine-information-none").first()).toContainText("The NHS website has no page about Glucose 4g chewable tablets");
    await page.goto("/information/medicines/no-such-medicine");
    await expect(page.getByTestId("nhs-website-not-found")).toContainText("The NHS website has no page with that name.");
    await expectAccessible(page, "NHS.UK page not found");
  });

  test("NHS.UK's markup is passed on only through the allow-list: no script runs, no image or frame appears", async ({ page }) => {
    await signInAsGp(page);
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto("/information/medicines/zopiclone");
    await expect(page.getByTestId("nhs-website-sections")).toContainText("Zopiclone is a sleeping tablet.");
    const sections = page.getByTestId("nhs-website-sections");
    await expect(sections.locator("script, img, iframe, [onclick], [style]")).toHaveCount(0);
    await expect(sections.getByText("this", { exact: true })).toBeVisible();
    expect(await page.title()).not.toBe("injected");
    expect(dialogs).toEqual([]);
  });

  test("a vaccination shows NHS.UK's page about its vaccine", async ({ page }) => {
    await signInAsGp(page);
    await openRecordSection(page, "9693632109", "Immunisations");
    const about = page.getByTestId("vaccination-information").first();
    await expect(about).toContainText("About this vaccine (from the NHS website)");
    await about.locator("summary").click();
    await expect(about.getByTestId("nhs-website-source")).toHaveAttribute("href", /^https:\/\/www\.nhs\.uk\/vaccinations\/[a-z0-9-]+\/$/);
    await expectAccessible(page, "immunisations with NHS.UK information open");
  });
});
