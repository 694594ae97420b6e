import type { Metadata } from "next";
import Link from "next/link";
import { FailureCallout } from "@/components/FailureCallout";
import { PatientBanner } from "@/components/PatientBanner";
import { ReloadWhenRestoredFromHistory } from "@/components/ReloadWhenRestoredFromHistory";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import { content } from "@/lib/content";
import { formatDateTimeWithTime, formatNhsNumber } from "@/lib/format";
import { describeFailure } from "@/lib/nhs/failure-message";
import { retrievePatientAudited } from "@/lib/patients/retrieve-patient";

export const metadata: Metadata = { title: content.pageTitle(content.patient.bannerLabel) };

const PATIENT_REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function PatientUnavailable({ message }: { message: string }) {
  return (
    <>
      <h1>{content.patient.bannerLabel}</h1>
      <p data-testid="patient-unavailable">{message}</p>
      <p>
        <Link href="/find-patient">{content.patient.searchAgain}</Link>
      </p>
    </>
  );
}

export default async function PatientPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const { session, role } = await requireActingRole();
  if (!canUse("view-demographics", role, session.assurance.authenticationLevel)) {
    return <PatientUnavailable message={content.findPatient.notPermitted} />;
  }
  const opened = PATIENT_REF.test(ref) ? session.patientRefs[ref] : undefined;
  if (!opened) return <PatientUnavailable message={content.patient.expired} />;

  // The audit row is durable before any patient data leaves the server.
  const outcome = await retrievePatientAudited(session, role, opened.nhsNumber, "patient-record-view");

  switch (outcome.kind) {
    case "found":
    case "superseded": {
      const searchedAs = opened.searchedNhsNumber ?? (outcome.kind === "superseded" ? outcome.requestedNhsNumber : undefined);
      return (
        <>
          <ReloadWhenRestoredFromHistory />
          {searchedAs && searchedAs !== outcome.patient.nhsNumber ? (
            <div className="nhsuk-inset-text" data-testid="superseded-notice">
              <p>{content.patient.supersededNotice(formatNhsNumber(searchedAs), formatNhsNumber(outcome.patient.nhsNumber))}</p>
            </div>
          ) : null}
          <PatientBanner patient={outcome.patient} />
          {outcome.patient.restricted ? (
            <div className="nhsuk-inset-text">
              <p>{content.patient.restrictedNotice}</p>
            </div>
          ) : null}
          <p className="app-source-note" data-testid="source-note">
            {content.patient.source("PDS", formatDateTimeWithTime(outcome.retrievedAt))}
          </p>
          <p>
            <Link href="/find-patient">{content.patient.searchAgain}</Link>
          </p>
        </>
      );
    }
    case "not-found":
    case "invalidated":
      return <PatientUnavailable message={content.findPatient.invalidated.body} />;
    case "invalid-nhs-number":
      return <PatientUnavailable message={content.findPatient.rejectedNumber.body} />;
    case "failed":
      return (
        <>
          <h1>{content.patient.bannerLabel}</h1>
          <FailureCallout failure={describeFailure(outcome.failure)} />
          <p>
            <Link href="/find-patient">{content.patient.searchAgain}</Link>
          </p>
        </>
      );
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}
