import { createHash } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/test";
import { auditRowsOf } from "./support/audit";
import { expectAccessible } from "./support/axe";
import { composeAndPreview, sentWith } from "./support/gp-summary";
import { openRecordSection, signInAs, signInAsGp, USERS } from "./support/journeys";
import { SANDBOX_URL } from "./support/stand-in";

/** Bill GARTON, registered at Ancholme Valley (A20047), whose stand-in practice system acknowledges after a delay. */
const PATIENT = "9693632109";
/** Kathy KNAPP, also at Ancholme Valley: PDS returns her, MESH's routing no longer knows her number (EPL-153). */
const RETIRED_FROM_ROUTING = "9736363120";

async function setPractice(request: APIRequestContext, mailboxes: Array<{ mailboxId: string; practice: "accepts" | "rejects" }>) {
  const response = await request.put(`${SANDBOX_URL}/_stand-in/mesh/practices/A20047`, { data: { mailboxes } });
  expect(response.status()).toBe(204);
}

test.afterEach(async ({ request }) => {
  await request.delete(`${SANDBOX_URL}/_stand-in/mesh/practices`);
});

test("a summary composed, previewed as the PDF the practice receives, sent once, then delivered and accepted on the page without a reload", async ({
  page,
}) => {
  await signInAsGp(page);
  await openRecordSection(page, PATIENT, "GP summaries");
  await expect(page.getByRole("heading", { name: "Summaries sent to the GP" })).toBeVisible();
  await expectAccessible(page, "GP summaries: list");

  await page.getByRole("button", { name: "Send a summary to the GP" }).click();
  await expect(page.getByRole("heading", { name: "Write the consultation summary" })).toBeVisible();
  await page.getByTestId("gp-summary-preview").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("error-summary")).toContainText("Enter the reason for the consultation");
  await expect(page.getByTestId("error-summary")).toContainText("Enter what was done or supplied");
  await expectAccessible(page, "GP summary: compose with errors");
  await page.getByRole("link", { name: "Enter the reason for the consultation" }).click();
  await expect(page.getByLabel("Reason for the consultation")).toBeFocused();
  await page.goto(new URL(page.url()).pathname.replace(/\/gp-summaries\/.*/, "/gp-summaries"));

  const summaryRef = await composeAndPreview(page, "Sore throat (Pharmacy First)");
  await expectAccessible(page, "GP summary: preview");
  await expect(page.getByTestId("gp-summary-check")).toContainText(/Ancholme Valley Medical Practice \(A20047\)/i);
  const pdfPath = await page.getByTestId("gp-summary-pdf-link").getAttribute("href");
  const previewed = await page.request.get(pdfPath!);
  expect(previewed.headers()["content-type"]).toBe("application/pdf");
  expect(previewed.headers()["cache-control"]).toMatch(/^no-store/);
  const previewedBytes = await previewed.body();
  expect(previewedBytes.subarray(0, 5).toString()).toBe("%PDF-");

  await page.evaluate(() => Object.assign(window, { __noReload: true }));
  await page.getByRole("button", { name: "Send to the GP" }).click();
  const row = page.getByTestId("gp-summary-row").filter({ hasText: "Sore throat (Pharmacy First)" });
  await expect(row.getByTestId("gp-summary-state")).toHaveText(/Sent to MESH|Delivered to the practice|Accepted by the practice system/);
  await expect(row.getByTestId("gp-summary-state")).toHaveText("Accepted by the practice system", { timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  // the list's poll, as the island sends it: while nothing moved, a 304 carrying nothing, with no audit row
  const statusUrl = `${new URL(page.url()).pathname}/status`;
  const etag = (await page.request.get(statusUrl)).headers().etag!;
  const viewRows = auditRowsOf(PATIENT, "gp-summary-view").length;
  const unchanged = await page.request.get(statusUrl, { headers: { "if-none-match": etag } });
  expect(unchanged.status()).toBe(304);
  expect(await unchanged.body()).toHaveLength(0);
  expect(auditRowsOf(PATIENT, "gp-summary-view")).toHaveLength(viewRows);

  const sent = await sentWith(page.request, summaryRef);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.attachmentSha256).toBe(createHash("sha256").update(previewedBytes).digest("hex"));
  expect(
    auditRowsOf(PATIENT, "gp-summary-send")
      .map((entry) => entry.outcome)
      .slice(-2),
  ).toEqual(["attempted", "sent"]);
  // delivered (the infrastructure acknowledgement) came before accepted (the business one), each change audited
  expect(
    auditRowsOf(PATIENT, "gp-summary-status")
      .map((entry) => entry.reason)
      .slice(-2),
  ).toEqual(["ITK3 acknowledgement: delivered", "ITK3 acknowledgement: accepted"]);
});

test("routing failures (no mailbox, demographics that do not match, NHS number not found) and a rejection come back in plain English; a failed summary is corrected and sent as a new message", async ({
  page,
}) => {
  await setPractice(page.request, []);
  await signInAsGp(page);
  await openRecordSection(page, PATIENT, "GP summaries");
  const failedRef = await composeAndPreview(page, "Routing failure check");
  await page.getByRole("button", { name: "Send to the GP" }).click();
  const row = page.getByTestId("gp-summary-row").filter({ hasText: "Routing failure check" });
  await expect(row.getByTestId("gp-summary-state")).toHaveText("Failed", { timeout: 20_000 });
  await expect(row.getByTestId("gp-summary-failure")).toHaveText(/no mailbox for consultation summaries/);
  expect((await sentWith(page.request, failedRef))[0]).toMatchObject({ status: "undeliverable", statusCode: "EPL-151" });
  await expectAccessible(page, "GP summaries: a failed summary");

  await setPractice(page.request, [{ mailboxId: "A20047GP01", practice: "rejects" }]);
  await row.getByRole("button", { name: "Correct and send as a new summary" }).click();
  await expect(page.getByLabel("Reason for the consultation")).toHaveValue("Routing failure check");
  await page.getByLabel("Reason for the consultation").fill("Corrected summary");
  await page.getByTestId("gp-summary-preview").click();
  await page.getByRole("button", { name: "Send to the GP" }).click();
  const corrected = page.getByTestId("gp-summary-row").filter({ hasText: "Corrected summary" });
  await expect(corrected.getByTestId("gp-summary-state")).toHaveText("Failed", { timeout: 20_000 });
  await expect(corrected.getByTestId("gp-summary-failure")).toHaveText(/The practice system rejected the summary/);
  // the first stays as it was: nothing is resent by itself
  expect(await sentWith(page.request, failedRef)).toHaveLength(1);

  // MESH finds the demographics do not match the NHS number (PDS changed after the summary was written)
  expect((await page.request.post(`${SANDBOX_URL}/_stand-in/mesh/settings`, { data: { nextRoutingFailure: "EPL-154" } })).ok()).toBe(true);
  await composeAndPreview(page, "Demographics check");
  await page.getByRole("button", { name: "Send to the GP" }).click();
  const mismatch = page.getByTestId("gp-summary-row").filter({ hasText: "Demographics check" });
  await expect(mismatch.getByTestId("gp-summary-failure")).toHaveText(/do not match the NHS number/, { timeout: 20_000 });

  // NHS number not found: PDS still gave the app Kathy KNAPP, but her duplicate records were merged in the Spine and
  // the number retired, which MESH's routing already sees (the stand-in's ROUTING_RETIRED_NHS_NUMBERS)
  await page.goto("/find-patient");
  await openRecordSection(page, RETIRED_FROM_ROUTING, "GP summaries");
  const notFoundRef = await composeAndPreview(page, "Retired number check");
  await page.getByRole("button", { name: "Send to the GP" }).click();
  const notFound = page.getByTestId("gp-summary-row").filter({ hasText: "Retired number check" });
  await expect(notFound.getByTestId("gp-summary-state")).toHaveText("Failed", { timeout: 20_000 });
  await expect(notFound.getByTestId("gp-summary-failure")).toHaveText(/could not find the NHS number in the national record/);
  await expect(notFound.getByTestId("gp-summary-reference")).toHaveText(new RegExp(`MESH's answer: EPL-153.*Reference to quote: ${notFoundRef}`));
  await expect(notFound.getByRole("button", { name: "Correct and send as a new summary" })).toBeVisible();
  expect(await sentWith(page.request, notFoundRef)).toEqual([expect.objectContaining({ status: "undeliverable", statusCode: "EPL-153" })]);
});

test("a double click in one tab and a click in a second tab at once send one message", async ({ page, context }) => {
  await signInAsGp(page);
  await openRecordSection(page, PATIENT, "GP summaries");
  const summaryRef = await composeAndPreview(page, "Two tabs");
  const second = await context.newPage();
  await second.goto(page.url());
  await expect(second.getByRole("button", { name: "Send to the GP" })).toBeVisible();
  await Promise.all([page.getByRole("button", { name: "Send to the GP" }).dblclick(), second.getByRole("button", { name: "Send to the GP" }).click()]);
  await expect(page.getByTestId("gp-summary-row").filter({ hasText: "Two tabs" })).toBeVisible();
  await expect(second.getByTestId("gp-summary-row").filter({ hasText: "Two tabs" })).toBeVisible();
  expect(await sentWith(page.request, summaryRef)).toHaveLength(1);
});

test("a send whose answer was lost is not known until MESH tracking says it arrived; never sent again", async ({ page }) => {
  await signInAsGp(page);
  await openRecordSection(page, PATIENT, "GP summaries");
  const summaryRef = await composeAndPreview(page, "Lost answer");
  expect((await page.request.post(`${SANDBOX_URL}/_stand-in/mesh/settings`, { data: { loseNextSendAnswer: true } })).ok()).toBe(true);
  await page.getByRole("button", { name: "Send to the GP" }).click();
  const row = page.getByTestId("gp-summary-row").filter({ hasText: "Lost answer" });
  // the poller asks MESH's tracking (by local id, as there is no message id) before anything else is offered
  await expect(row.getByTestId("gp-summary-state")).toHaveText("Accepted by the practice system", { timeout: 30_000 });
  expect(await sentWith(page.request, summaryRef)).toHaveLength(1);
  expect(
    auditRowsOf(PATIENT, "gp-summary-send")
      .map((entry) => entry.outcome)
      .slice(-2),
  ).toEqual(["attempted", "outcome-unknown"]);
  expect(auditRowsOf(PATIENT, "gp-summary-check").at(-1)?.reason).toBe("tracking: unknown to sent");
});

test("a role without a clinical activity at AAL3 is refused the tab with the reason", async ({ page }) => {
  await signInAs(page, USERS.singleRoleAal2);
  await openRecordSection(page, PATIENT, "GP summaries");
  await expect(page.getByText("Your selected role cannot send summaries to a patient's GP")).toBeVisible();
  await expectAccessible(page, "GP summaries: refused");
});
