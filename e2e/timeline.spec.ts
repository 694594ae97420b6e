import { expect, test } from "./support/test";
import { expectAccessible } from "./support/axe";
import { openSection, searchByNhsNumber, signInAsGp, signInAsGpAndSearch } from "./support/journeys";
import { clearFaults, clearRequestLog, injectFault, requestsTo } from "./support/stand-in";
import { NHS_APIS } from "../lib/nhs/catalogue";

test.afterEach(async ({ request }) => clearFaults(request));

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const toIso = (date: string) => {
  const [day, month, year] = date.trim().split(" ");
  return `${year}-${String(MONTHS.indexOf(month!) + 1).padStart(2, "0")}-${day!.padStart(2, "0")}`;
};

test("the overview timeline merges sources newest first, each entry labelled with its source and retrieval time", async ({ page }) => {
  await signInAsGpAndSearch(page, "9693632109");
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toBeVisible();
  await expect(page.getByTestId("timeline-source-eps")).toHaveAttribute("data-state", "included");
  await expect(page.getByTestId("timeline-source-immunisation")).toHaveAttribute("data-state", "included");
  await expect(page.getByTestId("timeline-source-nrl")).toHaveAttribute("data-state", "included");
  await expect(page.getByTestId("timeline-source-scr")).toContainText("Confirm why you are accessing the Summary Care Record");
  await expect(page.getByTestId("timeline-source-ers")).toContainText("open a referral by its UBRN on the Referrals tab");

  const entries = page.getByTestId("timeline-entry");
  await expect(entries.first()).toBeVisible();
  const sources = new Set(await entries.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-source"))));
  expect([...sources].sort()).toEqual(["eps", "immunisation", "nrl"]);
  const dates = (await entries.locator("td:first-child").allTextContents()).map(toIso);
  expect(dates).toEqual([...dates].sort().reverse());
  await expect(entries.filter({ hasText: "Vaccination" }).first().getByTestId("timeline-entry-source")).toHaveText(
    /^Immunisations, retrieved \d{1,2} \w+ \d{4} at \d{2}:\d{2}$/,
  );
  await expect(entries.filter({ hasText: "Prescription" }).first().getByTestId("timeline-entry-source")).toHaveText(/^EPS, retrieved/);
  await expectAccessible(page, "timeline");

  await page.getByRole("link", { name: "Go to the Summary Care Record" }).click();
  await page.getByRole("radio", { name: "I have a legitimate relationship with the patient" }).check();
  await page.getByRole("button", { name: "Continue to the record" }).click();
  await expect(page.getByTestId("scr-record")).toBeVisible();
  await openSection(page, "Overview");
  await expect(page.getByTestId("timeline-source-scr")).toHaveAttribute("data-state", "included");
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "Penicillin" }).getByTestId("timeline-entry-source")).toHaveText(/^SCR, retrieved/);
});

test("a source that fails is a gap with its reason and reference, never 'nothing found'; the others still show", async ({ page, request }) => {
  await signInAsGp(page);
  await injectFault(request, { target: "immunisation", kind: "status", status: 500 });
  await searchByNhsNumber(page, "9693632109");
  const gap = page.getByTestId("timeline-source-immunisation");
  await expect(gap).toHaveAttribute("data-state", "gap");
  await expect(gap).toContainText("We could not get information from the Immunisation service");
  await expect(gap).toContainText(/reference [0-9a-f-]{36}/);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "Vaccination" })).toHaveCount(0);
  await expect(page.getByTestId("timeline-source-eps")).toHaveAttribute("data-state", "included");
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "Prescription" }).first()).toBeVisible();
  await expectAccessible(page, "timeline with a gap");
});

test("the record's sources are called in parallel with PDS, and the page's frame comes first: each call has arrived before any has answered", async ({
  page,
  request,
}) => {
  await signInAsGpAndSearch(page, "9693632109");
  await expect(page.getByTestId("timeline")).toBeVisible();
  // slow PDS and each source down so that calls made one after another could not overlap
  for (const target of ["pds", "eps", "immunisation", "nrl"] as const) await injectFault(request, { target, kind: "latency", latencyMs: 400 });
  await clearRequestLog(request);
  await page.reload({ waitUntil: "commit" });
  // while PDS is still being asked, the page says so instead of sitting blank
  await expect(page.getByTestId("patient-loading")).toBeVisible();
  await expect(page.getByTestId("timeline-source-nrl")).toHaveAttribute("data-state", "included");
  await expect(page.getByTestId("patient-loading")).toHaveCount(0);
  const calls = [
    ...(await requestsTo(request, `${NHS_APIS.pds.basePath}/Patient/:id`)),
    ...(await requestsTo(request, `${NHS_APIS.eps.basePath}/RequestGroup`)),
    ...(await requestsTo(request, `${NHS_APIS.immunisation.basePath}/Immunization`)),
    ...(await requestsTo(request, `${NHS_APIS.nrl.basePath}/DocumentReference`)),
  ];
  expect(calls.length).toBe(4);
  const lastArrival = Math.max(...calls.map((call) => Date.parse(call.arrivedAt)));
  const firstAnswer = Math.min(...calls.map((call) => Date.parse(call.at)));
  expect(lastArrival).toBeLessThan(firstAnswer);
});

test("a patient PDS no longer returns: the sources read alongside it are not shown", async ({ page, request }) => {
  await signInAsGpAndSearch(page, "9693632109");
  await expect(page.getByTestId("timeline")).toBeVisible();
  await injectFault(request, { target: "pds", kind: "status", status: 404 });
  await page.reload();
  await expect(page.getByTestId("patient-unavailable")).toBeVisible();
  await expect(page.getByTestId("timeline")).toHaveCount(0);
  await expect(page.getByTestId("patient-banner")).toHaveCount(0);
  await expectAccessible(page, "patient no longer returned by PDS");
});
