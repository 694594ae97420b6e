/**
 * Every server action, called in-process with generated arguments: 10,000 calls each by default
 * (FUZZ_RUNS), through the same harness as the route handlers (tests/handler-harness.ts). Generated: the
 * form's fields (any text, near-misses of valid values, the valid values themselves), stray and
 * repeated fields, files where text is expected, and arguments that are not a form at all, which a
 * client can send as easily as a form; across every kind of caller.
 *
 * Each answer must be plain data for the page, or one of Next's own redirect or 403 signals, never a
 * throw (which Next turns into a 500); redirects only to the app's own pages, never with an NHS number.
 *
 * The actions are split into groups, one test file each (actions-*.fuzz.test.ts), so that the groups run in
 * parallel workers; each file mocks Next's request scope before importing this module.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyAuditFilterAction } from "@/app/audit/actions";
import { searchByDetailsAction, searchByNhsNumberAction, searchByPrescriptionIdAction } from "@/app/find-patient/actions";
import { updateContactDetailsAction } from "@/app/patient/[ref]/details/contact/actions";
import { findByUbrnAction, openReferralByUbrnAction } from "@/app/patient/[ref]/referrals/actions";
import {
  checkStatusAction,
  chooseReceiverAction,
  searchServicesAction,
  sendAgainAction,
  sendReferralAction,
} from "@/app/patient/[ref]/referrals/refer/actions";
import { confirmScrAccessAction } from "@/app/patient/[ref]/summary-care-record/actions";
import {
  checkVaccinationStatusAction,
  chooseVaccineTypeAction,
  recordVaccinationAction,
  saveVaccinationAnswersAction,
  sendVaccinationChangeAction,
  startVaccinationChangeAction,
} from "@/app/patient/[ref]/immunisations/record/actions";
import { VACCINATION_FIELD_LENGTHS } from "@/lib/features/vaccination/vaccination-fields";
import { checkGpSummaryAction, saveGpSummaryAction, sendGpSummaryAction, startGpSummaryAction } from "@/app/patient/[ref]/gp-summaries/actions";
import { GP_SUMMARY_FIELD_LENGTHS } from "@/lib/features/gp-summary/gp-summary-fields";
import {
  checkMessageStatusAction,
  previewMessageAction,
  reviseMessageAction,
  sendMessageAction,
  startMessageAction,
} from "@/app/patient/[ref]/messages/actions";
import { searchConditionsAction } from "@/app/information/conditions/actions";
import { MESSAGE_FIELDS } from "@/lib/features/patient-messages/templates";
import { AUDIT_FILTER_FIELDS } from "@/lib/features/audit-review/filter-form";
import { selectRoleAction } from "@/lib/auth/actions";
import * as signOutRoute from "@/app/api/session/sign-out/route";
import * as paths from "@/lib/paths";
import { getConfig } from "@/lib/config";
import { formatNhsNumber } from "@/lib/format";
import { CONTACT_FIELDS } from "@/lib/features/record/contact-update";
import { SEARCH_FIELD_IDS } from "@/lib/features/bars/refer-forms";
import { ADVANCED_FIELDS } from "@/lib/features/search/search-forms";
import { services } from "@/lib/server/services";
import { PRESCRIPTIONS } from "@/sandbox/eps/prescriptions";
import { inRequest } from "@/tests/next-request-scope";
import { formOf, typed } from "./arbitraries";
import {
  APP_ORIGIN,
  caller,
  cis2Origin,
  expectCleanActionAnswer,
  fixture,
  must,
  oneOf,
  pastTheDoor,
  patientRefField,
  restore,
  RUNS,
  settle,
  TEST_NHS_NUMBERS,
} from "@/tests/handler-harness";

/** A form as the browser would post it: some fields, sometimes repeated, sometimes a file, sometimes fields it does not have. */
function formDataOf(fields: fc.Arbitrary<Record<string, string>>) {
  return fc
    .record({
      fields,
      stray: formOf(["$ACTION_ID_x", "__proto__", "0", "constructor"]),
      repeatFirst: fc.boolean(),
      fileField: fc.option(fc.constantFrom("nhsNumber", "patientRef", "reason", "roleId", "ubrn"), { nil: undefined }),
    })
    .map(({ fields: values, stray, repeatFirst, fileField }) => {
      const form = new FormData();
      for (const [name, value] of Object.entries({ ...stray, ...values })) form.append(name, value);
      const first = Object.entries(values)[0];
      if (repeatFirst && first) form.append(first[0], `${first[1]}-again`);
      if (fileField) form.set(fileField, new File(["%PDF-1.4 not a field"], "x.pdf", { type: "application/pdf" }));
      return form;
    });
}

/** What a client can send as an action's arguments: the form it expects, or any value the wire format carries. */
function actionArgument(fields: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 9, arbitrary: formDataOf(fields) },
    { weight: 1, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.constant(null)) },
  );
}

const previousState = fc.oneof(
  { weight: 9, arbitrary: fc.constant({ status: "idle", errors: [], values: {} }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const valid = <T>(values: T[]) => fc.constantFrom(...values);
const nhsNumberField = fc.oneof(
  { weight: 3, arbitrary: typed },
  { weight: 1, arbitrary: valid([...TEST_NHS_NUMBERS, formatNhsNumber("9693632109"), "9000000041", "9999999999"]) },
);
const prescriptionIds = () => PRESCRIPTIONS.slice(0, 4).map((prescription) => prescription.prescriptionId);
const ubrnField = fc.oneof(
  { weight: 3, arbitrary: typed },
  { weight: 1, arbitrary: valid(["000000070000", "000000070001", "0000 0007 0002", "000000070012", "000000079999"]) },
);

interface ActionTarget {
  name: string;
  fields: fc.Arbitrary<Record<string, string>>;
  /** Whether the action takes (previous state, form) or just the form. */
  withState: boolean;
  call: (...args: never[]) => Promise<unknown>;
  allowForbidden?: boolean;
  /** Fewer generated calls than RUNS, for actions added under the unit stage's time budget. */
  runs?: number;
}

/** A referral action's own form: which patient and which referral, each sometimes right and often not. */
const referralActionFields = fc.record(
  {
    patientRef: patientRefField,
    actionRef: fc.oneof(
      typed,
      fc.uuid(),
      oneOf(() => fixture.draftReferralRef),
    ),
  },
  { requiredKeys: [] },
);

/** A vaccination action's own form: which patient and which vaccination (or change), each sometimes right and often not. */
const vaccinationRefField = fc.oneof(
  typed,
  fc.uuid(),
  oneOf(() => fixture.draftVaccinationRef),
);
const vaccinationActionFields = fc.record({ patientRef: patientRefField, actionRef: vaccinationRefField }, { requiredKeys: [] });
const vaccinationAnswerFields = fc
  .tuple(formOf(Object.keys(VACCINATION_FIELD_LENGTHS)), patientRefField, vaccinationRefField, fc.oneof(typed, valid(["FLU", "MMRV", "COVID", ""])))
  .map(([form, patientRef, actionRef, vaccineType]) => ({ ...form, patientRef, actionRef, vaccineType }));

export type ActionGroup = "find-and-open" | "referrals" | "vaccinations-and-roles" | "patient-info";

/** Which file runs each action: a new action must be given one, or every fuzz file stops at load. */
const GROUP_OF: Record<string, ActionGroup> = {
  searchByNhsNumberAction: "find-and-open",
  searchByDetailsAction: "find-and-open",
  searchByPrescriptionIdAction: "find-and-open",
  applyAuditFilterAction: "find-and-open",
  updateContactDetailsAction: "find-and-open",
  findByUbrnAction: "referrals",
  openReferralByUbrnAction: "referrals",
  searchServicesAction: "referrals",
  chooseReceiverAction: "referrals",
  sendReferralAction: "referrals",
  sendAgainAction: "referrals",
  checkStatusAction: "referrals",
  chooseVaccineTypeAction: "vaccinations-and-roles",
  saveVaccinationAnswersAction: "vaccinations-and-roles",
  recordVaccinationAction: "vaccinations-and-roles",
  checkVaccinationStatusAction: "vaccinations-and-roles",
  startVaccinationChangeAction: "vaccinations-and-roles",
  sendVaccinationChangeAction: "vaccinations-and-roles",
  confirmScrAccessAction: "find-and-open",
  selectRoleAction: "vaccinations-and-roles",
  startGpSummaryAction: "vaccinations-and-roles",
  saveGpSummaryAction: "vaccinations-and-roles",
  sendGpSummaryAction: "vaccinations-and-roles",
  checkGpSummaryAction: "vaccinations-and-roles",
  startMessageAction: "patient-info",
  previewMessageAction: "patient-info",
  reviseMessageAction: "patient-info",
  sendMessageAction: "patient-info",
  checkMessageStatusAction: "patient-info",
  searchConditionsAction: "patient-info",
};

/** A message action's own form: which patient and which message, each sometimes right and often not. */
const messageActionFields = fc.record({ patientRef: patientRefField, actionRef: fc.oneof(typed, fc.uuid()) }, { requiredKeys: [] });
/** The message actions and the condition search: 500 calls each (issue 22), not RUNS, for the unit stage's budget. */
const PATIENT_INFO_RUNS = Math.min(RUNS, 500);

function groupOf(name: string): ActionGroup {
  const group = GROUP_OF[name];
  if (!group) throw new Error(`${name} is in no fuzz group: add it to GROUP_OF in lib/fuzz/action-targets.ts`);
  return group;
}

/** A summary-to-the-GP action's own form: which patient and which summary, each sometimes right and often not. */
const gpSummaryFields = fc
  .tuple(formOf(Object.keys(GP_SUMMARY_FIELD_LENGTHS)), patientRefField, fc.oneof(typed, fc.uuid()), fc.oneof(typed, fc.uuid()))
  .map(([form, patientRef, summaryRef, corrects]) => ({ ...form, patientRef, summaryRef, corrects }));
const GP_SUMMARY_RUNS = Math.min(RUNS, 1_000);

const ACTIONS: ActionTarget[] = [
  {
    name: "searchByNhsNumberAction",
    withState: true,
    call: searchByNhsNumberAction as never,
    fields: fc.record({ nhsNumber: nhsNumberField }, { requiredKeys: [] }),
  },
  {
    name: "searchByDetailsAction",
    withState: true,
    call: searchByDetailsAction as never,
    fields: fc.tuple(formOf(ADVANCED_FIELDS), fc.constantFrom("basic", "advanced", "other")).map(([form, mode]) => ({ ...form, mode })),
  },
  {
    name: "searchByPrescriptionIdAction",
    withState: true,
    call: searchByPrescriptionIdAction as never,
    fields: fc.record(
      { prescriptionId: fc.oneof({ weight: 3, arbitrary: typed }, { weight: 1, arbitrary: fc.constant(null).chain(() => valid(prescriptionIds())) }) },
      { requiredKeys: [] },
    ),
  },
  {
    name: "applyAuditFilterAction",
    withState: true,
    call: applyAuditFilterAction as never,
    allowForbidden: true,
    fields: fc.tuple(formOf(AUDIT_FILTER_FIELDS), fc.constantFrom("apply", "clear", "")).map(([form, intent]) => ({ ...form, intent })),
  },
  {
    name: "updateContactDetailsAction",
    withState: true,
    call: updateContactDetailsAction as never,
    fields: fc
      .tuple(formOf(CONTACT_FIELDS), patientRefField, fc.oneof(typed, valid(["1", "2", "3"])))
      .map(([form, patientRef, versionId]) => ({ ...form, patientRef, versionId })),
  },
  {
    name: "openReferralByUbrnAction",
    withState: true,
    call: openReferralByUbrnAction as never,
    fields: fc.record({ patientRef: patientRefField, ubrn: ubrnField }, { requiredKeys: [] }),
  },
  { name: "findByUbrnAction", withState: true, call: findByUbrnAction as never, fields: fc.record({ ubrn: ubrnField }, { requiredKeys: [] }) },
  {
    name: "searchServicesAction",
    withState: true,
    call: searchServicesAction as never,
    fields: fc.record(
      {
        patientRef: patientRefField,
        [SEARCH_FIELD_IDS.field]: fc.oneof(typed, valid(["name", "ods", "postcode"])),
        [SEARCH_FIELD_IDS.text]: fc.oneof(typed, valid(["Leeds", "LS1", "Y12345", "Boar Lane"])),
        [SEARCH_FIELD_IDS.type]: fc.oneof(typed, valid(["gp", "pharmacy", ""])),
      },
      { requiredKeys: [] },
    ),
  },
  {
    name: "chooseReceiverAction",
    withState: false,
    call: chooseReceiverAction as never,
    fields: fc.record(
      {
        patientRef: patientRefField,
        choice: fc.oneof(
          typed,
          fc.uuid(),
          fc.constant(null).map(() => getConfig().BARS_TEST_TARGETS[0]!),
        ),
      },
      { requiredKeys: [] },
    ),
  },
  {
    name: "sendReferralAction",
    withState: true,
    call: sendReferralAction as never,
    fields: fc.record(
      {
        patientRef: patientRefField,
        actionRef: fc.oneof(
          typed,
          fc.uuid(),
          oneOf(() => fixture.draftReferralRef),
        ),
        reason: fc.oneof(typed, valid(["Chest pain on exertion for three weeks", ""])),
      },
      { requiredKeys: [] },
    ),
  },
  {
    name: "sendAgainAction",
    withState: false,
    call: sendAgainAction as never,
    fields: referralActionFields,
  },
  {
    name: "checkStatusAction",
    withState: false,
    call: checkStatusAction as never,
    fields: referralActionFields,
  },
  {
    name: "chooseVaccineTypeAction",
    withState: true,
    call: chooseVaccineTypeAction as never,
    fields: fc.record({ patientRef: patientRefField, vaccineType: fc.oneof(typed, valid(["FLU", "COVID", "MMRV", "flu", ""])) }, { requiredKeys: [] }),
  },
  { name: "saveVaccinationAnswersAction", withState: true, call: saveVaccinationAnswersAction as never, fields: vaccinationAnswerFields },
  { name: "recordVaccinationAction", withState: true, call: recordVaccinationAction as never, fields: vaccinationActionFields },
  { name: "checkVaccinationStatusAction", withState: false, call: checkVaccinationStatusAction as never, fields: vaccinationActionFields },
  {
    name: "startVaccinationChangeAction",
    withState: false,
    call: startVaccinationChangeAction as never,
    fields: fc.record(
      { patientRef: patientRefField, recordId: fc.oneof(typed, fc.uuid()), kind: fc.oneof(typed, valid(["update", "delete"])) },
      { requiredKeys: [] },
    ),
  },
  {
    name: "sendVaccinationChangeAction",
    withState: true,
    call: sendVaccinationChangeAction as never,
    fields: fc.tuple(vaccinationAnswerFields, fc.oneof(typed, valid(["Recorded for the wrong patient", ""]))).map(([form, reason]) => ({ ...form, reason })),
  },
  { name: "startGpSummaryAction", withState: false, call: startGpSummaryAction as never, fields: gpSummaryFields, runs: GP_SUMMARY_RUNS },
  { name: "saveGpSummaryAction", withState: true, call: saveGpSummaryAction as never, fields: gpSummaryFields, runs: GP_SUMMARY_RUNS },
  { name: "sendGpSummaryAction", withState: false, call: sendGpSummaryAction as never, fields: gpSummaryFields, runs: GP_SUMMARY_RUNS },
  { name: "checkGpSummaryAction", withState: false, call: checkGpSummaryAction as never, fields: gpSummaryFields, runs: GP_SUMMARY_RUNS },
  {
    name: "confirmScrAccessAction",
    withState: true,
    call: confirmScrAccessAction as never,
    fields: fc.record(
      {
        patientRef: patientRefField,
        basis: fc.oneof(typed, valid(["patient-permission", "legitimate-relationship", "self-claimed-relationship", "emergency-access"])),
        reason: typed,
        details: typed,
      },
      { requiredKeys: [] },
    ),
  },
  {
    name: "selectRoleAction",
    withState: true,
    call: selectRoleAction as never,
    fields: fc.record(
      { roleId: fc.oneof(typed, valid(["656014452101", "656005754108", "656005759103", "656005755105", "656005763109"])) },
      { requiredKeys: [] },
    ),
  },
  { name: "startMessageAction", withState: false, call: startMessageAction as never, fields: messageActionFields, runs: PATIENT_INFO_RUNS },
  {
    name: "previewMessageAction",
    withState: true,
    call: previewMessageAction as never,
    fields: fc
      .tuple(formOf(Object.keys(MESSAGE_FIELDS)), messageActionFields, fc.oneof(typed, valid(["referral-sent", "vaccination-recorded", "nhs-website-page"])))
      .map(([form, refs, template]) => ({ ...form, ...refs, template })),
    runs: PATIENT_INFO_RUNS,
  },
  { name: "reviseMessageAction", withState: false, call: reviseMessageAction as never, fields: messageActionFields, runs: PATIENT_INFO_RUNS },
  { name: "sendMessageAction", withState: true, call: sendMessageAction as never, fields: messageActionFields, runs: PATIENT_INFO_RUNS },
  { name: "checkMessageStatusAction", withState: false, call: checkMessageStatusAction as never, fields: messageActionFields, runs: PATIENT_INFO_RUNS },
  {
    name: "searchConditionsAction",
    withState: true,
    call: searchConditionsAction as never,
    fields: fc.record({ name: fc.oneof(typed, valid(["acne", "Ac", "zika", ""])) }, { requiredKeys: [] }),
    runs: PATIENT_INFO_RUNS,
  },
];

/** The group's server actions, each under RUNS generated calls (lib/fuzz/actions-*.fuzz.test.ts, one file per group, so they run side by side). */
export function fuzzServerActions(group: ActionGroup) {
  describe(`server actions (${group}) under ${RUNS.toLocaleString("en-GB")} generated calls each`, () => {
    for (const target of ACTIONS.filter((action) => groupOf(action.name) === group)) {
      it(`${target.name}: a form state or a redirect to one of the app's pages, never a throw`, async () => {
        const argument = actionArgument(target.fields);
        await fc.assert(
          fc.asyncProperty(caller, previousState, argument, async (from, previous, form) => {
            await restore(from.kind);
            const { result } = await inRequest({ cookies: from.cookies, headers: from.headers }, () =>
              settle(target.name, () =>
                target.withState
                  ? (target.call as (a: unknown, b: unknown) => Promise<unknown>)(previous, form)
                  : (target.call as (a: unknown) => Promise<unknown>)(form),
              ),
            );
            expectCleanActionAnswer(target.name, result, target.allowForbidden);
          }),
          { numRuns: target.runs ?? RUNS, endOnFailure: true },
        );
        expect(pastTheDoor(target.name)).toBeGreaterThan((target.runs ?? RUNS) * 0.3);
      }, 300_000);
    }
  });
}

/** The sign-out route handler, posted to by every kind of caller. */
export function fuzzSignOutRoute() {
  it("POST /api/session/sign-out: ends any session, clears its cookies and sends the browser only to this site or CIS2's sign-out", async () => {
    await fc.assert(
      fc.asyncProperty(caller, async (from) => {
        await restore(from.kind);
        const request = new Request(`${APP_ORIGIN}${paths.signOut()}`, { method: "POST", headers: from.headers });
        const { result: response, cookies } = await inRequest({ cookies: from.cookies, headers: from.headers }, () => signOutRoute.POST(request));
        must(response.status === 303 || response.status === 403, `answered ${response.status}`, from.kind);
        if (response.status === 403) return; // another site's post: refused, and nothing ended
        const location = new URL(response.headers.get("location") ?? "", APP_ORIGIN);
        must(location.origin === APP_ORIGIN || location.origin === cis2Origin, `sent to ${location.origin}`, from.kind);
        must(response.headers.get("cache-control") === "no-store", "not no-store", from.kind);
        must(![...cookies.keys()].some((name) => name.includes("next-auth.")), "next-auth cookies left behind", JSON.stringify([...cookies.keys()]));
        const session = fixture.base.get(from.kind);
        if (session) must((await services().sessions.get(session.id)) === null, "the server session still there", from.kind);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);
}
