import { expect, test, type Page } from "./support/test";
import { auditRowsOf, expectLastAudit } from "./support/audit";
import { expectAccessible } from "./support/axe";
import { expectTestIdsContain } from "./support/texts";
import { chooseAndWrite, LEEDS_UTC, openReferOrBook, SCUNTHORPE_UTC, searchServices } from "./support/bars";
import { openRecord, signInAs, signInAsGp, USERS } from "./support/journeys";
import { clearFaults, clearRequestLog, injectFault, requestsTo } from "./support/stand-in";
import { NHS_APIS } from "../lib/nhs/catalogue";

const PROCESS_MESSAGE = NHS_APIS.bars.basePath;

test.afterEach(async ({ request }) => clearFaults(request));

/** The message sends the stand-in saw since the log was cleared (faulted ones included). */
async function sends(page: Page) {
  return (await requestsTo(page.request, PROCESS_MESSAGE)).filter((entry) => entry.method === "POST");
}

test("finding a service by name, ODS code and postcode, with its DoS id; bad searches get linked errors", async ({ page }) => {
  await signInAsGp(page);
  await openReferOrBook(page);
  await expectAccessible(page, "refer: search form");

  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter a service name, ODS code or postcode");
  await page.getByTestId("error-summary").getByRole("link").click();
  await expect(page.getByLabel("Search for")).toBeFocused();
  await expectAccessible(page, "refer: search error");

  await searchServices(page, "postcode", "12345");
  await expect(page.getByTestId("error-summary")).toContainText("Enter a postcode or the start of one");

  await searchServices(page, "name", "Leeds", "UCS");
  await expect(page.getByTestId("service-result")).toHaveCount(1);
  await expect(page.getByTestId("service-result")).toContainText(LEEDS_UTC);
  await expect(page.getByTestId("service-result")).toContainText("2000072489");
  expect(page.url()).not.toContain("Leeds");
  await expectAccessible(page, "refer: results");

  await searchServices(page, "ods", "rx9uc");
  await expect(page.getByTestId("service-result")).toHaveCount(1);
  await expect(page.getByTestId("service-result")).toContainText("2000070016");

  await searchServices(page, "postcode", "DN15");
  const results = page.getByTestId("service-result");
  await expect(results.filter({ hasText: SCUNTHORPE_UTC })).toHaveCount(1);
  // a trust with no DoS id is listed but cannot be chosen
  await expect(results.filter({ hasText: "North Humber Hospitals" })).toContainText("Not registered to receive BaRS referrals");
  await expect(results.filter({ hasText: "North Humber Hospitals" }).getByRole("button")).toHaveCount(0);

  await searchServices(page, "name", "Nowhere Clinic");
  await expect(page.getByTestId("no-services")).toBeVisible();
});

test("a referral is sent once despite a double click, then shows the service's ServiceRequest and booked Appointment; audited", { tag: "@platform" }, async ({
  page,
}) => {
  await signInAsGp(page);
  await openReferOrBook(page);
  await searchServices(page, "name", "Leeds City Urgent");
  await chooseAndWrite(page, LEEDS_UTC, "");
  await expectAccessible(page, "refer: compose");
  await page.getByTestId("send-referral").click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter the reason for referral");
  await page.getByLabel("Reason for referral").fill("Laceration to left palm, 3 cm, needs closure; tetanus up to date.");
  const sendsBefore = auditRowsOf("9693632109", "bars-referral-send").length;
  await clearRequestLog(page.request);

  await page.getByTestId("send-referral").dblclick();
  await expect(page.getByTestId("referral-sent")).toContainText(`${LEEDS_UTC} has received the referral.`);
  await expect(page.getByTestId("service-request-status")).toHaveText("Active");
  await expectTestIdsContain(page, {
    appointment: ["Booked", `Appointment at ${LEEDS_UTC}`],
    "source-provenance": `From ${LEEDS_UTC} through BaRS`,
  });
  await expectAccessible(page, "refer: sent");

  const posted = await sends(page);
  expect(posted).toHaveLength(1);
  expect(posted[0]!.status).toBe(200);
  // one send: its attempt on record before it went, then its outcome, both under the request ID it was sent with
  const sent = auditRowsOf("9693632109", "bars-referral-send").slice(sendsBefore);
  expect(sent.map((row) => [row.outcome, row.upstream_request_id])).toEqual([
    ["attempted", posted[0]!.requestId],
    ["sent", posted[0]!.requestId],
  ]);
  expectLastAudit("9693632109", "bars-referral-view", "data-returned");

  // reloading the confirmation reads the service again; it never sends again
  await page.reload();
  await expect(page.getByTestId("referral-sent")).toBeVisible();
  await expect(page.getByTestId("appointment")).toContainText("Booked");
  expect(await sends(page)).toHaveLength(1);

  await page.getByRole("link", { name: "Back to referrals" }).click();
  await expect(page.getByTestId("bars-referral-list")).toContainText(LEEDS_UTC);
  await expect(page.getByTestId("bars-referral-list")).toContainText("Sent");
});

test("the same referral sent from two tabs at once goes once: the second waits for the first's outcome", async ({ page, context }) => {
  await signInAsGp(page);
  await openReferOrBook(page);
  await searchServices(page, "name", "Scunthorpe", "UCS");
  await chooseAndWrite(page, SCUNTHORPE_UTC, "Suspected scaphoid fracture after a fall; needs X-ray.");
  const second = await context.newPage();
  await second.goto(page.url());
  await second.getByLabel("Reason for referral").fill("Suspected scaphoid fracture after a fall; needs X-ray.");
  await clearRequestLog(page.request);

  await Promise.all([page.getByTestId("send-referral").click(), second.getByTestId("send-referral").click()]);
  for (const tab of [page, second]) {
    await expect(tab.getByTestId("referral-sent")).toBeVisible();
    await expect(tab.getByTestId("no-appointment")).toBeVisible();
  }
  expect(await sends(page)).toHaveLength(1);
  await second.close();
});

/** As the GP, write a referral to Leeds City UTC and send it, with the request log cleared and the next send to BaRS faulted. */
async function sendToLeedsWithFault(page: Page, kind: "timeout" | "lost-response") {
  await signInAsGp(page);
  await openReferOrBook(page);
  await searchServices(page, "ods", "RX8UC");
  await chooseAndWrite(page, LEEDS_UTC);
  await clearRequestLog(page.request);
  await injectFault(page.request, { target: "bars", kind, times: 1 });
  await page.getByTestId("send-referral").click();
}

test("a timeout leaves the outcome unknown with a status check; 'not received' allows sending the same message again, once", async ({ page }) => {
  test.setTimeout(120_000);
  await sendToLeedsWithFault(page, "timeout");
  await expect(page.getByTestId("referral-unknown")).toContainText("We do not know yet whether the service received this referral", { timeout: 30_000 });
  await expect(page.getByTestId("referral-unknown")).toContainText("It has not been sent again");
  await expect(page.getByTestId("failure-reference")).toBeVisible();
  await expectAccessible(page, "refer: outcome unknown");
  expect(await sends(page)).toHaveLength(1);
  expectLastAudit("9693632109", "bars-referral-send", "outcome-unknown");

  // the app leaves it there: reloading does not send
  await page.reload();
  await expect(page.getByTestId("referral-unknown")).toBeVisible();
  expect(await sends(page)).toHaveLength(1);

  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByTestId("referral-not-received")).toHaveText("The service has not received this referral");
  expectLastAudit("9693632109", "bars-referral-status", "not-found");
  await expectAccessible(page, "refer: not received");

  await page.getByRole("button", { name: "Send again" }).click();
  await expect(page.getByTestId("referral-sent")).toBeVisible();
  const posted = await sends(page);
  expect(posted).toHaveLength(2);
  expect(posted[0]!.requestId).toBe(posted[1]!.requestId);
  expect(posted[1]!.status).toBe(200);
  await expect(page.getByTestId("appointment")).toHaveCount(1);
});

test("an answer lost after the service stored the referral: the status check finds it, and nothing is sent again", async ({ page }) => {
  // the service stores the message, then the connection drops before its answer arrives
  await sendToLeedsWithFault(page, "lost-response");
  await expect(page.getByTestId("referral-unknown")).toBeVisible();

  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByTestId("referral-sent")).toBeVisible();
  expect(await sends(page)).toHaveLength(1);
  expectLastAudit("9693632109", "bars-referral-status", "data-returned");
});

const UNKNOWN_OUTCOME_TARGETS = ["408", "409", "500", "503", "504"];
const REJECTED: Record<string, string> = {
  "400": "could not read the referral message",
  "401": "did not accept this system's authorisation",
  "403": "refused referrals from your organisation",
  "404": "could not be found on the referral network",
  "405": "does not accept this kind of request",
  "406": "cannot reply in a form this system understands",
  "422": "could not process this referral",
  "501": "does not support BaRS referrals yet",
};

test("each BaRS error target gives its own clear message, with the receiver's code and a reference", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsGp(page);
  await openReferOrBook(page);
  const referUrl = page.url();
  await expectAccessible(page, "refer: test receivers");
  let checkedRejected = false;
  let checkedUnknown = false;
  for (const status of [...Object.keys(REJECTED), ...UNKNOWN_OUTCOME_TARGETS].sort()) {
    await page.goto(referUrl);
    await chooseAndWrite(page, `Test receiver NHS0001-${status}`, "Test referral");
    await page.getByTestId("send-referral").click();
    if (status in REJECTED) {
      await expect(page.getByTestId("referral-rejected"), status).toHaveText("The referral was not accepted");
      await expect(page.getByTestId("upstream-failure"), status).toContainText(REJECTED[status]!);
      await expect(page.getByTestId("upstream-failure"), status).toContainText(/REC_[A-Z_]+/);
      if (!checkedRejected) await expectAccessible(page, "refer: rejected");
      checkedRejected = true;
    } else {
      await expect(page.getByTestId("referral-unknown"), status).toBeVisible();
      if (status === "409") await expect(page.getByTestId("referral-unknown")).toContainText("already holds a message with this referral's identity");
      if (!checkedUnknown) await expectAccessible(page, "refer: unknown from a receiver error");
      checkedUnknown = true;
    }
    await expect(page.getByTestId("failure-reference"), status).toHaveText(/^[0-9a-f-]{36}$/);
  }
  const sendRows = auditRowsOf("9693632109", "bars-referral-send");
  const outcomes = sendRows.filter((row) => row.outcome !== "attempted");
  expect(
    outcomes
      .slice(-13)
      .map((row) => row.outcome)
      .sort(),
  ).toEqual([...Array(5).fill("outcome-unknown"), ...Array(8).fill("upstream-failure")]);
  // each send was on record as attempted before it went
  expect(sendRows.slice(-26).filter((row) => row.outcome === "attempted")).toHaveLength(13);
});

test("a patient recorded as deceased cannot be referred", async ({ page }) => {
  await signInAsGp(page);
  const ref = await openRecord(page, "9000000009");
  await page.goto(`/patient/${ref}/referrals/refer`);
  await expect(page.getByTestId("patient-deceased")).toContainText("recorded as deceased");
  await expect(page.getByLabel("Search for")).toHaveCount(0);
});

test("a role that cannot refer is not offered BaRS and is refused at the page", async ({ page }) => {
  await signInAs(page, USERS.singleRoleAal2);
  await expect(page.getByRole("heading", { level: 1, name: "Find a patient" })).toBeVisible();
  const ref = await openRecord(page, "9693632109");
  await page.goto(`/patient/${ref}/referrals`);
  await expect(page.getByRole("heading", { name: "Referrals", level: 2 })).toBeVisible();
  await expect(page.getByTestId("bars-referrals")).toHaveCount(0);
  expect((await page.goto(`/patient/${ref}/referrals/refer`))?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("cannot send referrals");
  await expectAccessible(page, "refer: not permitted");
});
