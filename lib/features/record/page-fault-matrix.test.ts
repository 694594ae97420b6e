/**
 * Every upstream API the app calls × every fault the stand-in can inject, at the level of the page a
 * clinician sees. The page is rendered in-process by React's server renderer from the app's own layout
 * and page components, signed in as a clinician, with the real services calling a listening stand-in
 * that has the fault switched on. For each cell:
 * - the section that API feeds says what is missing, naming the service, with a reference to quote;
 * - every other section of the page still renders;
 * - a read was tried as often as policy allows, honouring Retry-After, all under one X-Request-ID; a
 *   write went once;
 * - the audit trail holds every access that returned data, and the failed one with its reference.
 * Waits between retries are recorded, not slept. Prints the matrix with pass counts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "silent";
  // an organisation onboarded as an NHS App partner, so the NHS App's row can send
  process.env.NHS_APP_MESSAGING = "on";
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
});
vi.mock("next/headers", async () => (await import("@/tests/next-request-scope")).nextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { JSDOM } from "jsdom";
import { PathnameContext } from "next/dist/shared/lib/hooks-client-context.shared-runtime";
import { createElement, type ComponentType, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.edge";
import PatientLayout from "@/app/patient/[ref]/layout";
import PatientOverviewPage from "@/app/patient/[ref]/page";
import ReferralPage from "@/app/patient/[ref]/referrals/[referralRef]/page";
import { chooseReceiverAction, searchServicesAction, sendReferralAction } from "@/app/patient/[ref]/referrals/refer/actions";
import ReferralActionPage from "@/app/patient/[ref]/referrals/refer/[actionRef]/page";
import ReferPage from "@/app/patient/[ref]/referrals/refer/page";
import PrescriptionPage from "@/app/patient/[ref]/prescriptions/[rxRef]/page";
import PatientMessagePage from "@/app/patient/[ref]/messages/[actionRef]/page";
import { previewMessageAction, sendMessageAction, startMessageAction } from "@/app/patient/[ref]/messages/actions";
import { recordVaccinationAction } from "@/app/patient/[ref]/immunisations/record/actions";
import VaccinationActionPage from "@/app/patient/[ref]/immunisations/record/[actionRef]/page";
import * as vaccinationTermsRoute from "@/app/vaccination-terms/route";
import { actingRole } from "@/lib/auth/session";
import { FLU_VALUES } from "@/lib/features/vaccination/testing-fixtures";
import { saveVaccinationAnswers, startVaccination } from "@/lib/features/vaccination/vaccinations";
import GpRecordPage from "@/app/patient/[ref]/gp-record/page";
import GpSummariesPage from "@/app/patient/[ref]/gp-summaries/page";
import { checkGpSummaryAction, sendGpSummaryAction } from "@/app/patient/[ref]/gp-summaries/actions";
import { saveGpSummaryDraft, startGpSummary } from "@/lib/features/gp-summary/gp-summaries";
import type { AuditAction, StoredAuditEntry } from "@/lib/audit/audit-trail";
import type { NhsApiName } from "@/lib/nhs/transport/client";
import { NHS_APIS } from "@/lib/nhs/catalogue";
import { FAULT_CASES, type FaultCase } from "@/lib/nhs/transport/testing-fault-cases";
import { services } from "@/lib/server/services";
import { cis2Origin as standInOrigin, fixture, PATIENTS, restore, retryWaits, settle, startHarness, stopHarness } from "@/tests/handler-harness";
import { inRequest } from "@/tests/next-request-scope";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const TIMELINE_SOURCES = ["scr", "eps", "immunisation", "nrl"] as const;
const TIMELINE_AUDIT: Record<(typeof TIMELINE_SOURCES)[number], AuditAction> = {
  scr: "scr-view",
  eps: "prescriptions-view",
  immunisation: "immunisations-view",
  nrl: "documents-view",
};
/** The APIs of the catalogue, and MESH (outside it: a mailbox, not a platform API). */
type MatrixApi = NhsApiName | "mesh";
/** What each API is called on, as the stand-in logs it: the route prefix. */
const ROUTE_PREFIX = (api: MatrixApi) => (api === "mesh" ? "/messageexchange" : NHS_APIS[api].basePath);

type Page = Document;

/** The record's layout, typed for children passed as createElement's third argument. */
const RecordLayout = PatientLayout as ComponentType<{ params: Promise<{ ref: string }>; children?: ReactNode }>;

function cookies() {
  return { "next-auth.session-token": fixture.cookies.get("clinician")! };
}

/** A patient page as Next would compose it: the record's layout around the page, rendered to HTML. */
async function renderPatientPage<P extends { params: Promise<Record<string, string>> }>(
  page: ComponentType<P>,
  path: string,
  params: Record<string, string>,
): Promise<Page> {
  const paramsPromise = Promise.resolve({ ref: fixture.patientRef, ...params });
  const tree = createElement(
    PathnameContext.Provider,
    { value: path },
    createElement(RecordLayout, { params: paramsPromise }, createElement(page, { params: paramsPromise } as unknown as P)),
  );
  const { result } = await inRequest({ cookies: cookies() }, async () => {
    const stream = await renderToReadableStream(tree, {
      onError(error) {
        throw error;
      },
    });
    await stream.allReady;
    return new Response(stream).text();
  });
  return new JSDOM(result).window.document;
}

async function standIn(method: "POST" | "DELETE" | "GET", path: string, body?: unknown) {
  return fetch(`${standInOrigin}${path}`, { method, ...(body ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}) });
}

async function loggedCalls(api: MatrixApi) {
  const { requests } = (await (await standIn("GET", "/_stand-in/requests")).json()) as {
    requests: Array<{ route: string; requestId: string | null; method: string }>;
  };
  return requests.filter((entry) => entry.route.startsWith(ROUTE_PREFIX(api)));
}

async function auditSince(lastId: number): Promise<StoredAuditEntry[]> {
  return (await services().audit.list({ limit: 500 })).filter((entry) => entry.id > lastId);
}

const byTestId = (page: Page, id: string) => page.querySelector(`[data-testid="${id}"]`);
const textOf = (element: Element | null) => element?.textContent?.replace(/\s+/g, " ").trim() ?? "";

/** A failure callout naming the service, with a reference: the reference. */
function failureShown(section: Element | null, serviceName: RegExp): string | null {
  const text = textOf(section);
  if (!serviceName.test(text)) return null;
  return UUID.exec(text)?.[0] ?? null;
}

interface Cell {
  api: MatrixApi;
  page: string;
  isWrite?: boolean;
  /** It reads nothing about a patient (reference data), so no PDS read is expected. */
  referenceDataOnly?: boolean;
  /** What the clinician did before the API failed (chose a receiver, say), with the stand-in healthy. */
  prepare?: () => Promise<string>;
  /** Runs the page (and the action before it, where the API is called from a form) and checks it; returns problems. */
  run: (prepared: string) => Promise<{ problems: string[]; reference: string | null; auditAction: AuditAction | null }>;
}

function overviewCell(api: NhsApiName): Cell {
  return {
    api,
    page: "record overview",
    async run() {
      const page = await renderPatientPage(PatientOverviewPage, `/patient/${fixture.patientRef}`, {});
      const problems: string[] = [];
      if (api === "pds") {
        // without PDS there is no confirmed patient: nothing from the other sources is shown
        const reference = failureShown(byTestId(page, "upstream-failure"), /Personal Demographics Service|PDS/);
        if (!reference) problems.push(`no PDS failure with a reference: ${textOf(page.body).slice(0, 300)}`);
        if (byTestId(page, "patient-banner")) problems.push("a banner without a confirmed patient");
        if (byTestId(page, "timeline")) problems.push("a timeline without a confirmed patient");
        return { problems, reference, auditAction: "patient-record-view" };
      }
      if (!byTestId(page, "patient-banner")) problems.push("no patient banner");
      if (api === "ods") {
        const gp = textOf(byTestId(page, "overview-gp"));
        const reference = /could not be looked up/.test(gp) ? (UUID.exec(gp)?.[0] ?? null) : null;
        if (!reference) problems.push(`GP practice shows no lookup failure with a reference: "${gp}"`);
        for (const source of TIMELINE_SOURCES)
          if (byTestId(page, `timeline-source-${source}`)?.getAttribute("data-state") !== "included") problems.push(`${source} not included`);
        return { problems, reference, auditAction: null };
      }
      let reference: string | null = null;
      for (const source of TIMELINE_SOURCES) {
        const row = byTestId(page, `timeline-source-${source}`);
        if (source === api) {
          reference = row?.getAttribute("data-state") === "gap" ? failureShown(row, /\S/) : null;
          if (!reference) problems.push(`${source} row shows no failure with a reference: "${textOf(row)}"`);
        } else if (row?.getAttribute("data-state") !== "included") problems.push(`${source} not included while ${api} failed: "${textOf(row)}"`);
      }
      if (!page.querySelectorAll('[data-testid="timeline-entry"]').length) problems.push("no timeline entries from the other sources");
      return { problems, reference, auditAction: TIMELINE_AUDIT[api as (typeof TIMELINE_SOURCES)[number]] };
    },
  };
}

const ersCell: Cell = {
  api: "ers",
  page: "referral",
  async run() {
    const page = await renderPatientPage(ReferralPage, `/patient/${fixture.patientRef}/referrals/${fixture.referralRef}`, { referralRef: fixture.referralRef });
    const problems: string[] = [];
    const reference = failureShown(byTestId(page, "upstream-failure"), /e-Referral|e-RS/);
    if (!reference) problems.push(`no e-RS failure with a reference: ${textOf(page.body).slice(0, 300)}`);
    if (!byTestId(page, "patient-banner")) problems.push("no patient banner");
    return { problems, reference, auditAction: "referral-view" };
  },
};

const serviceSearchCell: Cell = {
  api: "service-search",
  page: "refer: find a service",
  async run() {
    const form = new FormData();
    for (const [name, value] of Object.entries({ patientRef: fixture.patientRef, searchBy: "name", searchText: "Leeds", serviceType: "" }))
      form.set(name, value);
    await inRequest({ cookies: cookies() }, () => settle("searchServicesAction", () => searchServicesAction({ status: "idle" }, form)));
    const page = await renderPatientPage(ReferPage, `/patient/${fixture.patientRef}/referrals/refer`, {});
    const problems: string[] = [];
    const reference = failureShown(byTestId(page, "upstream-failure"), /Service Search|directory/i);
    if (!reference) problems.push(`no Service Search failure with a reference: ${textOf(byTestId(page, "service-results")).slice(0, 300)}`);
    if (!byTestId(page, "patient-banner")) problems.push("no patient banner");
    if (!page.querySelector('[name="searchText"]')) problems.push("the search form is not offered again");
    return { problems, reference, auditAction: null };
  },
};

const barsCell: Cell = {
  api: "bars",
  page: "refer: send",
  isWrite: true,
  /** A receiver found with Service Search and chosen, as a clinician would, before BaRS fails. */
  async prepare() {
    const search = new FormData();
    for (const [name, value] of Object.entries({ patientRef: fixture.patientRef, searchBy: "name", searchText: "Leeds", serviceType: "" }))
      search.set(name, value);
    await inRequest({ cookies: cookies() }, () => settle("searchServicesAction", () => searchServicesAction({ status: "idle" }, search)));
    const session = (await services().sessions.get(fixture.base.get("clinician")!.id))!;
    const found = session.referralServiceSearch?.outcome;
    const choice = found?.kind === "found" ? found.choices.find((candidate) => candidate.dosServiceId) : undefined;
    if (!choice) throw new Error("Service Search found no receiver to refer to");
    const chosen = new FormData();
    for (const [name, value] of Object.entries({ patientRef: fixture.patientRef, choice: choice.token })) chosen.set(name, value);
    const { result } = await inRequest({ cookies: cookies() }, () => settle("chooseReceiverAction", () => chooseReceiverAction(chosen)));
    const actionRef = result.kind === "redirect" ? result.url.split("/").at(-1) : undefined;
    if (!actionRef) throw new Error(`choosing a receiver did not start a referral: ${JSON.stringify(result)}`);
    return actionRef;
  },
  async run(actionRef) {
    const form = new FormData();
    for (const [name, value] of Object.entries({ patientRef: fixture.patientRef, actionRef, reason: "Chest pain on exertion for three weeks" }))
      form.set(name, value);
    await inRequest({ cookies: cookies() }, () => settle("sendReferralAction", () => sendReferralAction({ status: "idle" }, form)));
    const page = await renderPatientPage(ReferralActionPage, `/patient/${fixture.patientRef}/referrals/refer/${actionRef}`, { actionRef });
    const problems: string[] = [];
    const reference = failureShown(byTestId(page, "upstream-failure"), /BaRS|Booking and Referral|referral/i);
    if (!reference) problems.push(`no BaRS failure with a reference: ${textOf(page.body).slice(0, 400)}`);
    if (!byTestId(page, "referral-summary")) problems.push("no summary of the referral");
    return { problems, reference, auditAction: "bars-referral-send" };
  },
};

const immunisationWriteCell: Cell = {
  api: "immunisation",
  page: "record a vaccination: sent",
  isWrite: true,
  /** A flu vaccination started and its answers checked, as after "Check your answers", before the API fails. */
  async prepare() {
    const session = (await services().sessions.get(fixture.base.get("clinician")!.id))!;
    const actionRef = await startVaccination(session, actingRole(session)!, fixture.patientRef, "FLU");
    if (!actionRef) throw new Error("the clinician could not start a vaccination");
    await saveVaccinationAnswers((await services().sessions.get(session.id))!, fixture.patientRef, actionRef, FLU_VALUES);
    return actionRef;
  },
  async run(actionRef) {
    const form = new FormData();
    for (const [name, value] of Object.entries({ patientRef: fixture.patientRef, actionRef })) form.set(name, value);
    await inRequest({ cookies: cookies() }, () => settle("recordVaccinationAction", () => recordVaccinationAction({ status: "idle" }, form)));
    const page = await renderPatientPage(VaccinationActionPage, `/patient/${fixture.patientRef}/immunisations/record/${actionRef}`, { actionRef });
    const problems: string[] = [];
    if (byTestId(page, "vaccination-recorded")) problems.push("shown as recorded although the API failed");
    const said = byTestId(page, "vaccination-unknown") ?? byTestId(page, "vaccination-not-recorded") ?? byTestId(page, "vaccination-refused");
    if (!said) problems.push(`neither "not known yet", "not recorded" nor "refused": ${textOf(page.body).slice(0, 400)}`);
    const reference =
      UUID.exec(
        textOf(page.querySelector("main") ?? page.body)
          .replace(fixture.patientRef, "")
          .replace(actionRef, ""),
      )?.[0] ?? null;
    if (!reference) problems.push(`no reference to quote: ${textOf(page.body).slice(0, 400)}`);
    if (byTestId(page, "vaccination-unknown") && !page.querySelector('button, input[type="submit"]')?.textContent?.includes("Check status"))
      problems.push("not known yet, without Check status");
    if (!byTestId(page, "vaccination-answers")) problems.push("no summary of what was being recorded");
    if (!byTestId(page, "patient-banner")) problems.push("no patient banner");
    return { problems, reference, auditAction: "vaccination-record" };
  },
};

/** The product type-ahead, searching text no earlier call has cached: the Terminology Server is asked each time. */
let typeAheadSearches = 0;
const terminologyCell: Cell = {
  api: "terminology",
  page: "record a vaccination: product type-ahead",
  referenceDataOnly: true,
  async run() {
    typeAheadSearches += 1;
    const text = `Flu ${"abcdefghijklmnopqrstuvwxyz"[typeAheadSearches % 26]!.repeat(1 + Math.floor(typeAheadSearches / 26))}`;
    const url = `http://localhost:3000/vaccination-terms?${new URLSearchParams({ list: "products", type: "FLU", text })}`;
    let response: Response | undefined;
    await inRequest({ cookies: cookies() }, () => settle("GET /vaccination-terms", async () => (response = await vaccinationTermsRoute.GET(new Request(url)))));
    const problems: string[] = [];
    const body = (await response?.json().catch(() => null)) as { title?: string; reference?: string } | null;
    if (response?.status !== 503) problems.push(`answered ${response?.status}, not 503`);
    if (response?.headers.get("content-type") !== "application/problem+json") problems.push("not a problem body");
    if (!/Terminology Server/.test(body?.title ?? "")) problems.push(`the problem does not name the service: ${body?.title}`);
    const reference = body?.reference && UUID.test(body.reference) ? body.reference : null;
    if (!reference) problems.push(`no reference to quote: ${JSON.stringify(body)}`);
    return { problems, reference, auditAction: null };
  },
};
/** The GP record: SDS (the practice's address and ASID) or GP Connect through the SSP failing, as the GP record tab says it. */
function gpRecordCell(api: "sds" | "gpconnect"): Cell {
  return {
    api,
    page: "GP record",
    async run() {
      const page = await renderPatientPage(GpRecordPage, `/patient/${fixture.patientRef}/gp-record`, {});
      const problems: string[] = [];
      const shown = byTestId(page, "failure-reference") ?? byTestId(page, "gp-record-reference");
      const reference = UUID.exec(textOf(shown))?.[0] ?? null;
      if (!reference) problems.push(`no ${api} failure with a reference: ${textOf(page.body).slice(0, 400)}`);
      if (!byTestId(page, "patient-banner")) problems.push("no patient banner");
      if (!byTestId(page, "gp-record-practice")) problems.push("the practice is not named");
      return { problems, reference, auditAction: "gp-record-view" };
    },
  };
}

const websiteContentCell: Cell = {
  api: "website-content",
  page: "prescription: NHS.UK information",
  async prepare() {
    // the pages are cached by page: each cell asks the API afresh
    services().websiteContent.forget();
    return "";
  },
  async run() {
    const rxRef = fixture.prescriptionRef;
    const page = await renderPatientPage(PrescriptionPage, `/patient/${fixture.patientRef}/prescriptions/${rxRef}`, { rxRef });
    const problems: string[] = [];
    const reference = failureShown(byTestId(page, "medicine-information-none"), /NHS website/);
    if (!reference) problems.push(`no NHS.UK failure with a reference: ${textOf(byTestId(page, "medicines-information")).slice(0, 300)}`);
    if (!byTestId(page, "prescription-items")) problems.push("the prescription's items are not shown");
    if (!byTestId(page, "patient-banner")) problems.push("no patient banner");
    return { problems, reference, auditAction: null };
  },
};

/** NHS.UK failing beside a referral (hazard H55): its page's failure with a reference, the referral still shown. */
const websiteContentReferralCell: Cell = {
  api: "website-content",
  page: "referral: NHS.UK information",
  async prepare() {
    services().websiteContent.forget();
    return "";
  },
  async run() {
    const page = await renderPatientPage(ReferralPage, `/patient/${fixture.patientRef}/referrals/${fixture.referralRef}`, { referralRef: fixture.referralRef });
    const problems: string[] = [];
    const reference = failureShown(byTestId(page, "referral-information-none"), /NHS website/);
    if (!reference) problems.push(`no NHS.UK failure with a reference: ${textOf(byTestId(page, "referral-nhs-website")).slice(0, 300)}`);
    if (!byTestId(page, "referral-summary")) problems.push("the referral is not shown");
    if (!byTestId(page, "specialty-information-none")) problems.push("the specialty's own line is not shown");
    if (!byTestId(page, "patient-banner")) problems.push("no patient banner");
    return { problems, reference, auditAction: null };
  },
};

const nhsAppCell: Cell = {
  api: "nhs-app",
  page: "message to the NHS App: send",
  isWrite: true,
  /** A message started and previewed, as a clinician would, before the NHS App fails. */
  async prepare() {
    const start = new FormData();
    start.set("patientRef", fixture.patientRef);
    const { result } = await inRequest({ cookies: cookies() }, () => settle("startMessageAction", () => startMessageAction(start)));
    const actionRef = result.kind === "redirect" ? result.url.split("/").at(-1) : undefined;
    if (!actionRef) throw new Error(`starting a message did not: ${JSON.stringify(result)}`);
    const form = new FormData();
    for (const [name, value] of Object.entries({ patientRef: fixture.patientRef, actionRef, template: "nhs-website-page", page: "medicines/metformin" }))
      form.set(name, value);
    await inRequest({ cookies: cookies() }, () =>
      settle("previewMessageAction", () => previewMessageAction({ status: "editing", values: {}, errors: [] }, form)),
    );
    return actionRef;
  },
  async run(actionRef) {
    const form = new FormData();
    for (const [name, value] of Object.entries({ patientRef: fixture.patientRef, actionRef })) form.set(name, value);
    await inRequest({ cookies: cookies() }, () => settle("sendMessageAction", () => sendMessageAction({ status: "idle" }, form)));
    const page = await renderPatientPage(PatientMessagePage, `/patient/${fixture.patientRef}/messages/${actionRef}`, { actionRef });
    const problems: string[] = [];
    const reference = failureShown(byTestId(page, "upstream-failure"), /NHS App/);
    if (!reference) problems.push(`no NHS App failure with a reference: ${textOf(page.body).slice(0, 400)}`);
    if (!byTestId(page, "message-preview")) problems.push("what the patient would read is not shown");
    return { problems, reference, auditAction: "nhs-app-message-send" };
  },
};

/**
 * A summary to the GP (MESH): written and previewed, then sent while MESH fails. The list says where it is in plain
 * English with MESH's answer and the reference; an answer that may hide a delivered message is "not known yet",
 * and Check status (MESH tracking, once MESH is back) settles it, never a second send.
 */
const meshCell: Cell = {
  api: "mesh",
  page: "summary to the GP: send",
  isWrite: true,
  async prepare() {
    const session = (await services().sessions.get(fixture.base.get("clinician")!.id))!;
    const role = actingRole(session)!;
    const summaryRef = await startGpSummary(session, role, fixture.patientRef, null);
    if (!summaryRef) throw new Error("the clinician could not start a summary");
    const saved = await saveGpSummaryDraft(session, role, fixture.patientRef, summaryRef, {
      reason: "Sore throat (Pharmacy First)",
      findings: "FeverPAIN 4",
      actions: "Phenoxymethylpenicillin supplied",
      advice: "Fluids",
      followUp: "",
    });
    if (saved.kind !== "saved") throw new Error(`the summary was not made: ${saved.kind}`);
    return summaryRef;
  },
  async run(summaryRef) {
    const form = new FormData();
    for (const [name, value] of Object.entries({ patientRef: fixture.patientRef, summaryRef })) form.set(name, value);
    await inRequest({ cookies: cookies() }, () => settle("sendGpSummaryAction", () => sendGpSummaryAction(form)));
    const problems: string[] = [];
    const rowOf = async () => {
      const page = await renderPatientPage(GpSummariesPage, `/patient/${fixture.patientRef}/gp-summaries`, {});
      if (!byTestId(page, "patient-banner")) problems.push("no patient banner");
      return [...page.querySelectorAll('[data-testid="gp-summary-row"]')].find((row) => textOf(row).includes(summaryRef)) ?? null;
    };
    const row = await rowOf();
    const state = row?.getAttribute("data-state");
    const text = textOf(row);
    if (!row) problems.push("the summary is not listed with its reference");
    else if (state === "failed") {
      if (!/refused the message\. Nothing was delivered/.test(text)) problems.push(`failed without saying why: "${text}"`);
      if (!/Correct and send as a new summary/.test(text)) problems.push("failed, without Correct and send as a new summary");
    } else if (state === "unknown") {
      if (!/We do not know yet whether MESH received the summary/.test(text) || !/Check status/.test(text))
        problems.push(`not known yet, without saying so or offering Check status: "${text}"`);
    } else problems.push(`shown as "${state}" although MESH failed: "${text}"`);
    if (!textOf(row?.querySelector('[data-testid="gp-summary-upstream-code"]') ?? null).match(/^MESH's answer: \S/))
      problems.push(`MESH's answer is not shown: "${text}"`);
    const reference = text.includes(`Reference to quote: ${summaryRef}`) ? summaryRef : null;
    if (!reference) problems.push(`no reference to quote: "${text}"`);
    if (state === "unknown") {
      // MESH is back: Check status asks its tracking, which never had the message; nothing is sent again
      await standIn("DELETE", "/_stand-in/faults");
      await inRequest({ cookies: cookies() }, () => settle("checkGpSummaryAction", () => checkGpSummaryAction(form)));
      const checked = await rowOf();
      if (checked?.getAttribute("data-state") !== "not-received" || !/Send the same summary again/.test(textOf(checked)))
        problems.push(`tracking did not settle it as not received by MESH: "${textOf(checked)}"`);
    }
    return { problems, reference, auditAction: "gp-summary-send" };
  },
};

const CELLS: Cell[] = [
  overviewCell("pds"),
  overviewCell("ods"),
  ...TIMELINE_SOURCES.map(overviewCell),
  ersCell,
  serviceSearchCell,
  barsCell,
  immunisationWriteCell,
  terminologyCell,
  gpRecordCell("sds"),
  gpRecordCell("gpconnect"),
  websiteContentCell,
  websiteContentReferralCell,
  nhsAppCell,
  meshCell,
];

const results = new Map<string, Map<string, boolean>>();

async function runCell(cell: Cell, fault: FaultCase): Promise<string[]> {
  await restore("clinician");
  await standIn("DELETE", "/_stand-in/faults");
  await standIn("DELETE", "/_stand-in/requests");
  const [latest] = await services().audit.list({ limit: 1 });
  const prepared = (await cell.prepare?.()) ?? "";
  await standIn("DELETE", "/_stand-in/requests");
  retryWaits.length = 0;
  await standIn("POST", "/_stand-in/faults", { target: cell.api, ...fault.fault });
  let outcome: Awaited<ReturnType<Cell["run"]>>;
  try {
    outcome = await cell.run(prepared);
  } finally {
    await standIn("DELETE", "/_stand-in/faults");
  }
  const problems = [...outcome.problems];
  // a dropped connection is logged when it closes
  await new Promise((resolve) => setTimeout(resolve, 20));
  const calls = await loggedCalls(cell.api);
  const attempts = new Map<string, number>();
  for (const call of calls) attempts.set(call.requestId ?? "none", (attempts.get(call.requestId ?? "none") ?? 0) + 1);
  if (!calls.length) problems.push("the API was never called");
  if (cell.isWrite) {
    const sends = calls.filter((call) => call.method === "POST");
    if (sends.length !== 1) problems.push(`the write went ${sends.length} times`);
  } else {
    const expected = fault.retried ? 3 : 1;
    for (const [requestId, times] of attempts) if (times !== expected) problems.push(`read ${requestId} tried ${times} times, policy says ${expected}`);
    const expectedWaits = fault.retried ? attempts.size * fault.waits!.length : 0;
    if (retryWaits.length !== expectedWaits) problems.push(`waited ${retryWaits.length} times, expected ${expectedWaits}`);
    if (fault.waits && retryWaits.some((wait) => !fault.waits!.includes(wait)))
      problems.push(`waits ${retryWaits.join(", ")} do not honour ${fault.waits.join(", ")}`);
  }
  const audit = await auditSince(latest?.id ?? 0);
  if (outcome.auditAction) {
    const rows = audit.filter((entry) => entry.action === outcome.auditAction && entry.upstreamRequestId === outcome.reference);
    if (rows.filter((entry) => entry.outcome !== "attempted").length !== 1)
      problems.push(`the failed ${outcome.auditAction} is not audited under its reference ${outcome.reference}`);
    // a write is on record before it goes: its attempt first (the oldest of its rows), then its outcome
    if (cell.isWrite && rows.at(-1)?.outcome !== "attempted") problems.push(`the ${outcome.auditAction} was not audited as attempted before it went`);
  }
  if (cell.page === "record overview" && cell.api !== "pds") {
    for (const source of TIMELINE_SOURCES.filter((candidate) => candidate !== cell.api)) {
      if (
        !audit.some(
          (entry) => entry.action === TIMELINE_AUDIT[source] && entry.outcome === "data-returned" && entry.patientNhsNumber === PATIENTS.withEverything,
        )
      )
        problems.push(`${source} returned data but its access is not audited`);
    }
  }
  if (cell.api !== "pds" && !cell.referenceDataOnly && !audit.some((entry) => entry.action === "patient-record-view" && entry.outcome === "data-returned"))
    problems.push("the PDS read that returned data is not audited");
  return problems;
}

// long enough that a healthy answer on a busy test machine never times out; the timeout cells pay it three times
beforeAll(() => startHarness({ timeoutMs: 1000 }), 60_000);

afterAll(async () => {
  const faults = FAULT_CASES.map((fault) => fault.name);
  const width = 58;
  const lines = [
    `Page-level fault matrix: ${CELLS.length} APIs × ${faults.length} faults`,
    `${"".padEnd(width)}${faults.map((name) => name.padEnd(20)).join("")}passed`,
  ];
  let passed = 0;
  let total = 0;
  for (const cell of CELLS) {
    const row = results.get(`${cell.api} ${cell.page}`) ?? new Map<string, boolean>();
    const ok = faults.filter((name) => row.get(name)).length;
    passed += ok;
    total += faults.length;
    lines.push(
      `${`${cell.api} (${cell.page})`.padEnd(width)}${faults.map((name) => (row.has(name) ? (row.get(name) ? "ok" : "FAILED") : "-").padEnd(20)).join("")}${ok}/${faults.length}`,
    );
  }
  lines.push(`cells passed: ${passed}/${total}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  await stopHarness("Page-level fault matrix");
});

describe("every API × every fault, as the clinician's page shows it", () => {
  for (const cell of CELLS) {
    for (const fault of FAULT_CASES) {
      it(`${cell.api} on the ${cell.page} page: ${fault.name}`, async () => {
        const problems = await runCell(cell, fault);
        const key = `${cell.api} ${cell.page}`;
        if (!results.has(key)) results.set(key, new Map());
        results.get(key)!.set(fault.name, problems.length === 0);
        expect(problems).toEqual([]);
      }, 30_000);
    }
  }
});
