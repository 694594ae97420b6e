import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "./support/test";
import { openRecord, searchByDetails, signInAsGp } from "./support/journeys";
import { ownServers } from "./support/servers";
import { PATIENT_DATA_ROUTES as MANIFEST_PATIENT_DATA_ROUTES } from "../lib/routes";

/** The routes that return patient data, from the route manifest (whose unit test holds it to app/): each must write an audit row when visited. */
const PATIENT_DATA_ROUTES = [...MANIFEST_PATIENT_DATA_ROUTES];

function auditRows(nhsNumber: string | null): number {
  const database = new Database(join(ownServers().dataDir, "audit.db"), { readonly: true, fileMustExist: true });
  try {
    const row = nhsNumber
      ? (database.prepare("SELECT COUNT(*) AS count FROM audit_log WHERE patient_nhs_number = ?").get(nhsNumber) as { count: number })
      : (database.prepare("SELECT COUNT(*) AS count FROM audit_log").get() as { count: number });
    return row.count;
  } finally {
    database.close();
  }
}

test("every route that returns patient data writes an audit row before it answers", { tag: "@platform" }, async ({ page }) => {
  expect(PATIENT_DATA_ROUTES.length).toBeGreaterThanOrEqual(10);
  await signInAsGp(page);
  const ref = await openRecord(page, "9693632109");
  await page.goto(`/patient/${ref}/summary-care-record`);
  await page.getByRole("radio", { name: "I have a legitimate relationship with the patient" }).check();
  await page.getByRole("button", { name: "Continue to the record" }).click();
  await expect(page.getByTestId("scr-record")).toBeVisible();
  await searchByDetails(page, { family: "Garton", dob: ["5", "11", "1955"] });
  await expect(page.getByTestId("search-result")).toHaveCount(1);

  await page.goto(`/patient/${ref}/documents`);
  const documentHref = await page.getByTestId("document-row").first().getByRole("link").getAttribute("href");
  const docRef = /\/documents\/([0-9a-f-]{36})$/.exec(documentHref ?? "")?.[1];
  expect(docRef, "a shared document to open").toBeTruthy();

  await page.goto(`/patient/${ref}/prescriptions`);
  const prescriptionHref = await page
    .getByRole("link", { name: /^View prescription / })
    .first()
    .getAttribute("href");
  const rxRef = /\/prescriptions\/([0-9a-f-]{36})$/.exec(prescriptionHref ?? "")?.[1];
  expect(rxRef, "a prescription to open").toBeTruthy();

  await page.goto(`/patient/${ref}/referrals`);
  await page.getByLabel("UBRN").fill("000000070001");
  await page.getByRole("button", { name: "Open referral" }).click();
  await expect(page.getByTestId("referral-heading")).toBeVisible();
  const referralRef = /\/referrals\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  const attachmentId = /\/attachments\/([^/]+)$/.exec(
    (await page
      .getByRole("link", { name: /^Download / })
      .first()
      .getAttribute("href")) ?? "",
  )?.[1];
  expect(referralRef && attachmentId, "a referral and attachment to open").toBeTruthy();

  await page.goto(`/patient/${ref}/referrals/refer`);
  await page.getByLabel("Search for").fill("RX8UC");
  await page.getByLabel("Search by").selectOption("ods");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page
    .getByRole("button", { name: /^Refer to / })
    .first()
    .click();
  await expect(page.getByTestId("referral-heading")).toBeVisible();
  const actionRef = /\/refer\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  expect(actionRef, "a referral to compose").toBeTruthy();

  await page.goto(`/patient/${ref}/gp-summaries`);
  await page.getByRole("button", { name: "Send a summary to the GP" }).click();
  await expect(page.getByRole("heading", { name: "Write the consultation summary" })).toBeVisible();
  const summaryRef = /\/gp-summaries\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  await page.getByLabel("Reason for the consultation").fill("Audit coverage");
  await page.getByLabel("What was found").fill("Nothing of note");
  await page.getByLabel("What was done or supplied").fill("Advice only");
  await page.getByTestId("gp-summary-preview").click();
  await expect(page.getByRole("heading", { name: "Check the summary before you send it" })).toBeVisible();
  expect(summaryRef, "a summary to the GP to preview").toBeTruthy();

  const unaudited: string[] = [];
  for (const route of PATIENT_DATA_ROUTES) {
    if (/\[(?!ref\]|docRef\]|rxRef\]|referralRef\]|attachmentId\]|actionRef\]|summaryRef\])[^\]]+\]/.test(route))
      throw new Error(`${route}: this test does not know how to fill its parameters; teach it`);
    const url = route
      .replace("[ref]", ref)
      .replace("[docRef]", docRef!)
      .replace("[rxRef]", rxRef!)
      .replace("[referralRef]", referralRef!)
      .replace("[attachmentId]", attachmentId!)
      .replace("[actionRef]", actionRef!)
      .replace("[summaryRef]", summaryRef!);
    const before = auditRows("9693632109");
    // a file (an attachment, a document's content) is fetched with the page's session rather than navigated to:
    // a headless browser downloads it rather than showing it
    const isFile = route.includes("/attachments/") || route.endsWith("/content") || route.endsWith("/pdf") || route.endsWith("/gp-summaries/status");
    const status = isFile ? (await page.request.get(url)).status() : (await page.goto(url))?.status();
    expect(status, url).toBeLessThan(400);
    if (auditRows("9693632109") <= before) unaudited.push(route);
  }
  expect(unaudited, "routes that returned patient data without an audit row").toEqual([]);
});
