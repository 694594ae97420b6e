import { expect, test, type Page } from "./support/test";
import { buildPrescriptionId } from "../lib/format/prescription-id";
import { expectAccessible } from "./support/axe";
import { fillDate, openRecord, openRecordSection, signInAs, signInAsGp, USERS } from "./support/journeys";
import { NHS_APIS } from "../lib/nhs/catalogue";
import { clearFaults, clearRequestLog, injectFault, requestsTo } from "./support/stand-in";

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

  test("a referral shows NHS.UK's page on being referred, with attribution and print view, and says its specialty has no page of its own", async ({ page }) => {
    await signInAsGp(page);
    await openRecordSection(page, "9693632109", "Referrals");
    await page.getByLabel("UBRN").fill("000000070001");
    await page.getByRole("button", { name: "Open referral" }).click();
    await expect(page.getByTestId("referral-heading")).toHaveText("Referral 0000 0007 0001");
    const about = page.getByTestId("referral-information");
    await expect(about).toContainText("About being referred (from the NHS website): Referrals for specialist care");
    // Cardiology stands for many conditions: no condition page is guessed for it (hazard H55)
    await expect(page.getByTestId("specialty-information-none")).toHaveText(
      "The NHS website has no page specific to Cardiology. Its page about being referred, above, applies to every referral.",
    );
    await expect(page.getByTestId("specialty-information")).toHaveCount(0);
    await about.locator("summary").click();
    await expect(about.getByRole("heading", { name: "Booking your appointment" })).toBeVisible();
    await expect(about.getByTestId("nhs-website-source")).toHaveAttribute("href", "https://www.nhs.uk/nhs-services/hospitals/referrals-for-specialist-care/");
    await expect(about.getByTestId("nhs-website-reviewed")).toContainText("Page last reviewed: 10 September 2024");
    await expectAccessible(page, "referral with NHS.UK information open");

    await about.getByTestId("nhs-website-print-link").click();
    await expect(page.getByTestId("nhs-website-page")).toContainText("Referrals for specialist care (from the NHS website)");
    expect(page.url()).toMatch(/\/information\/hospitals\/referrals-for-specialist-care$/);
    await expect(page.locator("main")).not.toContainText("GARTON");
    await expectAccessible(page, "NHS.UK page on being referred, print view");

    // physiotherapy is one treatment with its own NHS.UK page: that page too, beside the one on being referred
    await page.goBack();
    await page.getByRole("link", { name: "Back to referrals" }).click();
    await page.getByLabel("UBRN").fill("000000070013");
    await page.getByRole("button", { name: "Open referral" }).click();
    const specialty = page.getByTestId("specialty-information");
    await expect(specialty).toContainText("About this test or treatment (from the NHS website): Physiotherapy");
    await expect(page.getByTestId("referral-information")).toBeVisible();
    await specialty.locator("summary").click();
    await expect(specialty.getByTestId("nhs-website-source")).toHaveAttribute("href", "https://www.nhs.uk/tests-and-treatments/physiotherapy/");
    await expectAccessible(page, "referral with a specialty's own NHS.UK page open");
  });
});

test("conditions are found by name on NHS.UK, without the name in any address, and open to read or print", async ({ page }) => {
  await signInAsGp(page);
  await page.goto("/information/conditions");
  await expectAccessible(page, "NHS.UK conditions search");
  await page.getByLabel("Condition name").fill("ac");
  await page.getByRole("button", { name: "Search" }).click();
  const results = page.getByTestId("condition-results");
  await expect(results).toContainText('3 conditions match "ac"');
  await expect(results.getByRole("link")).toHaveText(["Acne", "Achalasia", "Acanthosis nigricans"]);
  expect(page.url()).toMatch(/\/information\/conditions$/);
  await expectAccessible(page, "NHS.UK conditions search results");
  await page.getByLabel("Condition name").fill("2 <b>");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("must start with a letter");
  await page.getByLabel("Condition name").fill("Acne");
  await page.getByRole("button", { name: "Search" }).click();
  await results.getByRole("link", { name: "Acne" }).click();
  await expect(page.getByTestId("nhs-website-page")).toContainText("Acne (from the NHS website)");
  await expect(page.getByTestId("nhs-website-source")).toHaveAttribute("href", "https://www.nhs.uk/conditions/acne/");
});

/** POSTs of messages that reached the stand-in's NHS App since its log was cleared, answered or not. */
async function messagesAtStandIn(page: Page) {
  return (await requestsTo(page.request, NHS_APIS["nhs-app"].basePath)).filter((entry) => entry.method === "POST");
}

/** From the record's messages page: a new message from a template, its fields filled by keyboard, then its preview. */
async function compose(page: Page, template: string, fill: () => Promise<void>) {
  await page.getByTestId("message-start").click();
  await expect(page.getByTestId("message-form")).toBeVisible();
  await page.getByRole("radio", { name: template }).check();
  await fill();
  await page.getByTestId("message-preview-submit").click();
  await expect(page.getByTestId("message-preview")).toBeVisible();
}

async function openMessages(page: Page, nhsNumber: string) {
  const ref = await openRecord(page, nhsNumber);
  await page.goto(`/patient/${ref}/messages`);
  await expect(page.getByTestId("never-only-channel")).toContainText("never the only way to tell a patient anything urgent");
  return ref;
}

test.describe("a message to the patient's NHS App", () => {
  test("from each template: exactly what the patient reads, sent once on a double click, then listed with its delivery", async ({ page }) => {
    await signInAsGp(page);
    await clearRequestLog(page.request);
    await openMessages(page, "9000000076");
    await expectAccessible(page, "NHS App messages: none yet");

    await compose(page, "Referral sent: where to go and how to contact them", async () => {
      await page.getByLabel("Service the patient is referred to").fill("Leeds City Urgent Treatment Centre");
      await page.getByLabel("Service's phone number").fill("0113 123 4567");
      await page.getByLabel("When to go or expect contact (optional)").fill("within 2 weeks");
    });
    const preview = page.getByTestId("message-preview");
    await expect(preview.getByRole("heading", { name: "You have been referred" })).toBeVisible();
    await expect(preview).toContainText("Trevelyan Square Surgery has referred you to Leeds City Urgent Treatment Centre.");
    await expect(preview).toContainText("call Leeds City Urgent Treatment Centre on 0113 123 4567");
    await expect(preview).toContainText("If you need medical help urgently, call 111, or 999 in an emergency.");
    await expectAccessible(page, "NHS App message preview");
    // a double click: the second waits for the first, and one message reaches the NHS App
    await page.getByTestId("message-send").dblclick();
    await expect(page.getByTestId("message-sent")).toContainText("The message was sent to the patient's NHS App.");
    expect(await messagesAtStandIn(page)).toHaveLength(1);
    await expectAccessible(page, "NHS App message sent");

    await page.getByRole("link", { name: "Back to messages" }).first().click();
    await compose(page, "Vaccination recorded", async () => {
      await page.getByLabel("Vaccine").selectOption({ label: "Flu" });
      await fillDate(page, "Date given", "3", "11", "2025");
    });
    await expect(page.getByTestId("message-preview")).toContainText("has recorded your Flu vaccination, given on 3 November 2025");
    await page.getByTestId("message-send").click();
    await expect(page.getByTestId("message-sent")).toBeVisible();

    await page.getByRole("link", { name: "Back to messages" }).first().click();
    await compose(page, "Information from the NHS website", async () => {
      await page.getByLabel("NHS website page").selectOption({ label: "Metformin" });
    });
    await expect(page.getByTestId("message-preview").getByRole("link", { name: "Metformin on the NHS website" })).toHaveAttribute(
      "href",
      "https://www.nhs.uk/medicines/metformin/",
    );
    await page.getByTestId("message-send").click();
    await expect(page.getByTestId("message-sent")).toBeVisible();
    expect(await messagesAtStandIn(page)).toHaveLength(3);

    await page.getByRole("link", { name: "Back to messages" }).first().click();
    const rows = page.getByTestId("message-row");
    await expect(rows).toHaveCount(3);
    await expect(rows.first().getByTestId("message-delivery")).toHaveText(/Notification shown on the patient's phone|Read by the patient/);
    await expect(rows.first()).toContainText("Information from the NHS website");
    await expectAccessible(page, "NHS App messages: three sent");
    expect(page.url()).not.toContain("9000000076");
  });

  test("a field with Markdown or HTML in it is refused with the NHS error summary", async ({ page }) => {
    await signInAsGp(page);
    await openMessages(page, "9693632109");
    await page.getByTestId("message-start").click();
    await page.getByRole("radio", { name: "Referral sent: where to go and how to contact them" }).check();
    await page.getByLabel("Service the patient is referred to").fill("[Click here](https://evil.example)");
    await page.getByLabel("Service's phone number").fill("0113 123 4567");
    await page.getByTestId("message-preview-submit").click();
    await expect(page.getByTestId("error-summary")).toContainText("must contain only letters, numbers, spaces");
    await expectAccessible(page, "NHS App message: field refused");
  });

  test("a lost answer is 'not known yet'; the receipts report then shows it was sent, and nothing is sent twice", async ({ page, request }) => {
    await signInAsGp(page);
    await clearRequestLog(page.request);
    await openMessages(page, "9693632109");
    await compose(page, "Information from the NHS website", async () => {
      await page.getByLabel("NHS website page").selectOption({ label: "Simvastatin" });
    });
    await injectFault(request, { target: "nhs-app", kind: "lost-response", times: 1 });
    await page.getByTestId("message-send").click();
    await expect(page.getByTestId("message-unknown")).toContainText("Do not send it again: check whether it was sent first.");
    await expect(page.getByTestId("message-send")).toHaveCount(0);
    await expectAccessible(page, "NHS App message: not known yet");
    await page.getByTestId("message-check-status").click();
    await expect(page.getByTestId("message-state")).toHaveText("Sent to the NHS App");
    expect(await messagesAtStandIn(page)).toHaveLength(1);
    // Bill GARTON has notifications off: the list says so, and to use another channel
    await page.getByRole("link", { name: "Back to messages" }).first().click();
    await expect(page.getByTestId("message-row").first().getByTestId("message-delivery")).toContainText("notifications off");
  });

  test("a patient who cannot get NHS App messages: the list says so plainly, and to contact them another way", async ({ page }) => {
    await signInAsGp(page);
    await openMessages(page, "9000000033");
    await compose(page, "Vaccination recorded", async () => {
      await page.getByLabel("Vaccine").selectOption({ label: "COVID-19" });
      await fillDate(page, "Date given", "1", "10", "2026");
    });
    await page.getByTestId("message-send").click();
    await expect(page.getByTestId("message-sent")).toBeVisible();
    await page.getByRole("link", { name: "Back to messages" }).first().click();
    const delivery = page.getByTestId("message-row").first().getByTestId("message-delivery");
    await expect(delivery).toContainText("Rejected: the patient cannot get NHS App messages");
    await expect(delivery).toContainText("Contact them another way");
    await expectAccessible(page, "NHS App messages: rejected");
  });

  test("a role without the right activity and assurance is refused before anything is read", async ({ page }) => {
    await signInAs(page, USERS.singleRoleAal2);
    const ref = await openRecord(page, "9693632109");
    const response = await page.goto(`/patient/${ref}/messages`);
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toContainText("cannot send messages to patients' NHS Apps");
    await expectAccessible(page, "NHS App messages: role refused");
  });
});
