import type { Metadata } from "next";
import { Suspense } from "react";
import { EnteredInErrorForm } from "@/app/patient/[ref]/immunisations/record/_components/EnteredInErrorForm";
import { PickLists } from "@/app/patient/[ref]/immunisations/record/_components/PickLists";
import { VaccinationForm } from "@/app/patient/[ref]/immunisations/record/_components/VaccinationForm";
import { AnswersSummary, BackToImmunisations, NationalRecord } from "@/app/patient/[ref]/immunisations/record/_components/VaccinationSummary";
import { checkVaccinationChangeStatusAction, sendVaccinationChangeAction } from "@/app/patient/[ref]/immunisations/record/actions";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import { FailureCallout } from "@/components/FailureCallout";
import Link from "@/components/NoPrefetchLink";
import { PendingSubmitButton } from "@/components/PendingSubmitButton";
import { WarningCallout } from "@/components/WarningCallout";
import { canUse } from "@/lib/access/policy";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import * as content from "@/lib/content";
import { describeFailure } from "@/lib/features/failure-message";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { vaccinationFormFields } from "@/lib/features/vaccination/form-values";
import type { VaccinationChange } from "@/lib/features/vaccination/session-slice";
import { readRecordedVaccination, vaccinationChange } from "@/lib/features/vaccination/vaccinations";
import { paths } from "@/lib/routes";
import type { ServerSession } from "@/lib/state/session-store";

const text = content.vaccinationPages;

export const metadata: Metadata = { title: content.pageTitle(text.changeTitle) };

type PageContext = { session: ServerSession; role: Cis2Role; patientRef: string; change: VaccinationChange };

/** The record as the national service holds it now, read afresh (audited). */
async function CurrentRecord({ session, role, patientRef, change, testId }: PageContext & { testId: string }) {
  const read = await readRecordedVaccination(session, role, patientRef, change.recordId);
  if (read?.kind === "found") return <NationalRecord vaccination={read.vaccination} version={read.version} testId={testId} />;
  if (read?.kind === "not-found") return <p data-testid="national-record-gone">{content.vaccination.goneAway}</p>;
  return read && "failure" in read ? <FailureCallout failure={describeFailure(read.failure)} /> : null;
}

/** The update form, filled with what the record holds now when it was recorded in this session, else to fill again. */
async function UpdateForm({ session, role, patientRef, change, changeRef }: PageContext & { changeRef: string }) {
  const read = await readRecordedVaccination(session, role, patientRef, change.recordId);
  if (read?.kind !== "found" || !read.vaccination.vaccineType) return <p data-testid="cannot-change">{text.cannotChange}</p>;
  const type = read.vaccination.vaccineType;
  const known = Object.values(session.vaccinations ?? {}).find((action) => action.record?.id === change.recordId && action.values)?.values;
  return (
    <PickLists vaccineType={type}>
      {(lists) => (
        <VaccinationForm
          action={sendVaccinationChangeAction}
          patientRef={patientRef}
          actionRef={changeRef}
          vaccineType={type}
          heading={text.changeTitle}
          {...lists}
          initialValues={known ? vaccinationFormFields(known) : { batch: read.vaccination.batch ?? "" }}
          submitLabel={text.saveChange}
          pendingLabel={text.savingChange}
        >
          <p className="nhsuk-body-s" data-testid="version-seen">
            {text.versionSeen(change.version)}
          </p>
        </VaccinationForm>
      )}
    </PickLists>
  );
}

function CheckStatus({ patientRef, changeRef }: { patientRef: string; changeRef: string }) {
  return (
    <form action={checkVaccinationChangeStatusAction}>
      <input type="hidden" name="patientRef" value={patientRef} />
      <input type="hidden" name="actionRef" value={changeRef} />
      <PendingSubmitButton pendingText={text.checkStatus}>{text.checkStatus}</PendingSubmitButton>
    </form>
  );
}

export default async function VaccinationChangePage({ params }: { params: Promise<{ ref: string; actionRef: string }> }) {
  const { ref, actionRef: changeRef } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const tab = paths.recordSection(ref, "immunisations");
  const back = <BackToImmunisations href={tab} />;
  const change = vaccinationChange(data.session, ref, changeRef);
  if (!canUse("record-vaccinations", data.role, data.session.assurance.authenticationLevel) || !change) {
    return (
      <>
        {back}
        <h1>{text.changeTitle}</h1>
        <p data-testid="vaccination-unavailable">{change ? content.vaccination.notPermitted : text.unknownChange}</p>
      </>
    );
  }
  const context = { session: data.session, role: data.role, patientRef: ref, change };
  const loading = <p role="status">{content.patient.loading}</p>;
  const title = change.kind === "delete" ? text.enteredInErrorTitle : text.changeTitle;
  const failure = change.failure ? describeFailure(change.failure) : null;
  switch (change.state) {
    case "draft":
      return change.kind === "update" ? (
        <>
          {back}
          <Suspense fallback={loading}>
            <UpdateForm {...context} changeRef={changeRef} />
          </Suspense>
        </>
      ) : (
        <>
          {back}
          <h1>{title}</h1>
          <p>{text.enteredInErrorLead}</p>
          <Suspense fallback={loading}>
            <CurrentRecord {...context} testId="record-to-remove" />
          </Suspense>
          <EnteredInErrorForm patientRef={ref} changeRef={changeRef} cancel={<Link href={tab}>{text.cancel}</Link>} />
        </>
      );
    case "sending":
      return (
        <>
          {back}
          <h1>{title}</h1>
          <p role="status" data-testid="change-sending">
            {text.stillSending}
          </p>
          <p>
            <Link href={paths.vaccinationChange(ref, changeRef)}>{text.refresh}</Link>
          </p>
        </>
      );
    case "done":
      return (
        <>
          {back}
          <div className="nhsuk-panel" data-testid="change-done">
            <h1 className="nhsuk-panel__title">{change.kind === "delete" ? text.enteredInErrorHeading : text.changedHeading}</h1>
            <div className="nhsuk-panel__body">{change.kind === "delete" ? text.enteredInErrorBody : text.changedBody}</div>
          </div>
          {change.kind === "update" ? (
            <>
              <h2 className="nhsuk-heading-m">{text.nationalHeading}</h2>
              <Suspense fallback={loading}>
                <CurrentRecord {...context} testId="national-record-summary" />
              </Suspense>
            </>
          ) : null}
        </>
      );
    case "conflict":
      return (
        <>
          {back}
          <h1 className="nhsuk-u-visually-hidden">{title}</h1>
          <WarningCallout heading={text.conflictHeading} testId="change-conflict">
            <p>{content.vaccination.versionConflict}</p>
          </WarningCallout>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-half" data-testid="conflict-yours">
              <h2 className="nhsuk-heading-s">{change.kind === "update" ? text.yourChange : text.yourRecord}</h2>
              {change.values ? <AnswersSummary values={change.values} /> : <p>{change.reason}</p>}
            </div>
            <div className="nhsuk-grid-column-one-half" data-testid="conflict-current">
              <h2 className="nhsuk-heading-s">{text.currentRecord}</h2>
              <Suspense fallback={loading}>
                <CurrentRecord {...context} testId="current-record" />
              </Suspense>
            </div>
          </div>
        </>
      );
    case "gone":
      return (
        <>
          {back}
          <h1>{title}</h1>
          <p data-testid="change-gone">{content.vaccination.goneAway}</p>
        </>
      );
    case "unknown":
      return (
        <>
          {back}
          <h1 className="nhsuk-u-visually-hidden">{title}</h1>
          <WarningCallout heading={text.unknownHeading} testId="change-unknown">
            <p>{text.unknownChangeBody}</p>
          </WarningCallout>
          {failure ? <FailureCallout failure={failure} /> : null}
          <CheckStatus patientRef={ref} changeRef={changeRef} />
        </>
      );
    case "refused":
      return (
        <>
          {back}
          <h1 data-testid="change-refused">{title}</h1>
          <p>
            {change.refusal?.kind === "forbidden"
              ? content.vaccination.forbidden(change.values ? content.vaccination.typeNames[change.values.vaccineType] : "")
              : change.refusal?.kind === "invalid"
                ? content.vaccination.refusedBecause(change.refusal.diagnostics ?? "")
                : text.failedBody}
          </p>
          {failure ? <FailureCallout failure={failure} /> : null}
        </>
      );
    default: {
      const unhandled: never = change.state;
      return unhandled;
    }
  }
}
