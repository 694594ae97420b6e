import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { SendButton } from "@/app/patient/[ref]/immunisations/record/_components/SendButton";
import { AnswersSummary, BackToImmunisations, ChangeButtons, NationalRecord } from "@/app/patient/[ref]/immunisations/record/_components/VaccinationSummary";
import { checkVaccinationStatusAction, recordVaccinationAction } from "@/app/patient/[ref]/immunisations/record/actions";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import { FailureCallout } from "@/components/FailureCallout";
import Link from "@/components/NoPrefetchLink";
import { PendingSubmitButton } from "@/components/PendingSubmitButton";
import { WarningCallout } from "@/components/WarningCallout";
import { canUse } from "@/lib/access/policy";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import * as content from "@/lib/content";
import { formatDateTimeWithTime } from "@/lib/format";
import { describeFailure } from "@/lib/features/failure-message";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import type { VaccinationAction } from "@/lib/features/vaccination/session-slice";
import { readRecordedVaccination, vaccinationAction } from "@/lib/features/vaccination/vaccinations";
import { paths } from "@/lib/routes";
import type { ServerSession } from "@/lib/state/session-store";

const text = content.vaccinationPages;

export const metadata: Metadata = { title: content.pageTitle(text.answersTitle) };

/** What the national record holds now, read back after the confirmation: a further call to the service. */
async function ReadBack({ session, role, patientRef, recordId }: { session: ServerSession; role: Cis2Role; patientRef: string; recordId: string }) {
  const read = await readRecordedVaccination(session, role, patientRef, recordId);
  return (
    <section aria-labelledby="national-record" data-testid="national-record">
      <h2 className="nhsuk-heading-m" id="national-record">
        {text.nationalHeading}
      </h2>
      {read?.kind === "found" ? (
        <>
          <p className="nhsuk-body-s" data-testid="source-provenance">
            {text.readFrom(formatDateTimeWithTime(read.retrievedAt))}.
          </p>
          <NationalRecord vaccination={read.vaccination} testId="national-record-summary" />
          <ChangeButtons patientRef={patientRef} recordId={recordId} />
        </>
      ) : read?.kind === "not-found" ? (
        <p data-testid="national-record-gone">{content.vaccination.goneAway}</p>
      ) : read && "failure" in read ? (
        <FailureCallout failure={describeFailure(read.failure)} />
      ) : null}
    </section>
  );
}

function CheckStatus({ patientRef, actionRef }: { patientRef: string; actionRef: string }) {
  return (
    <form action={checkVaccinationStatusAction}>
      <input type="hidden" name="patientRef" value={patientRef} />
      <input type="hidden" name="actionRef" value={actionRef} />
      <PendingSubmitButton pendingText={text.checkStatus}>{text.checkStatus}</PendingSubmitButton>
    </form>
  );
}

function refusalMessage(action: VaccinationAction): string {
  const type = action.values ? content.vaccination.typeNames[action.values.vaccineType] : "";
  if (action.refusal?.kind === "forbidden") return content.vaccination.forbidden(type);
  if (action.refusal?.kind === "invalid") return content.vaccination.refusedBecause(action.refusal.diagnostics ?? "");
  return text.failedBody;
}

export default async function VaccinationActionPage({ params }: { params: Promise<{ ref: string; actionRef: string }> }) {
  const { ref, actionRef } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const back = <BackToImmunisations href={paths.recordSection(ref, "immunisations")} />;
  const action = vaccinationAction(data.session, ref, actionRef);
  if (!canUse("record-vaccinations", data.role, data.session.assurance.authenticationLevel) || !action) {
    return (
      <>
        {back}
        <h1>{text.start}</h1>
        <p data-testid="vaccination-unavailable">{action ? content.vaccination.notPermitted : text.unknownAction}</p>
      </>
    );
  }
  if (!action.values) redirect(paths.vaccinationAnswers(ref, actionRef));
  const values = action.values;
  const failure = action.failure ? describeFailure(action.failure) : null;
  const send = (label: string) => (
    <SendButton
      action={recordVaccinationAction}
      patientRef={ref}
      actionRef={actionRef}
      label={label}
      pendingLabel={text.recording}
      testId="record-vaccination"
    />
  );
  const summary = <AnswersSummary values={values} testId="vaccination-answers" />;
  switch (action.state) {
    case "draft":
      return (
        <>
          {back}
          <h1>{text.checkAnswers}</h1>
          <p>{text.checkAnswersLead}</p>
          <AnswersSummary values={values} changeHref={paths.vaccinationAnswers(ref, actionRef)} testId="vaccination-answers" />
          {send(text.recordButton)}
        </>
      );
    case "sending":
      return (
        <>
          {back}
          <h1>{text.sendingHeading}</h1>
          <p role="status" data-testid="vaccination-sending">
            {text.stillSending}
          </p>
          <p>
            <Link href={paths.vaccinationAction(ref, actionRef)}>{text.refresh}</Link>
          </p>
          {summary}
        </>
      );
    case "recorded":
      return (
        <>
          {back}
          <div className="nhsuk-panel" data-testid="vaccination-recorded">
            <h1 className="nhsuk-panel__title">{text.recordedHeading}</h1>
            <div className="nhsuk-panel__body">{text.recordedBody}</div>
          </div>
          {action.alreadyRecorded ? <p data-testid="already-recorded">{content.vaccination.alreadyRecorded}</p> : null}
          <Suspense fallback={<p role="status">{content.patient.loading}</p>}>
            <ReadBack session={data.session} role={data.role} patientRef={ref} recordId={action.record!.id} />
          </Suspense>
        </>
      );
    case "unknown":
      return (
        <>
          {back}
          <h1 className="nhsuk-u-visually-hidden">{text.start}</h1>
          <WarningCallout heading={text.unknownHeading} testId="vaccination-unknown">
            <p>{content.vaccination.notKnownYet}</p>
          </WarningCallout>
          {failure ? <FailureCallout failure={failure} /> : null}
          <CheckStatus patientRef={ref} actionRef={actionRef} />
          {summary}
        </>
      );
    case "not-recorded":
      return (
        <>
          {back}
          <h1 data-testid="vaccination-not-recorded">{action.refusal?.kind === "failed" ? text.refusedHeading : text.notRecordedHeading}</h1>
          <p>{action.refusal?.kind === "failed" ? text.failedBody : text.notRecordedBody}</p>
          {failure && action.refusal?.kind === "failed" ? <FailureCallout failure={failure} /> : null}
          {send(action.refusal?.kind === "failed" ? text.tryAgain : text.recordButton)}
          {summary}
        </>
      );
    case "refused":
      return (
        <>
          {back}
          <h1 data-testid="vaccination-refused">{text.refusedHeading}</h1>
          <p data-testid="vaccination-refusal">{refusalMessage(action)}</p>
          {failure ? <p className="nhsuk-body-s">{text.reference(failure.reference)}</p> : null}
          {summary}
        </>
      );
    default: {
      const unhandled: never = action.state;
      return unhandled;
    }
  }
}
