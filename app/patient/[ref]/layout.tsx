import { forbidden } from "next/navigation";
import { Suspense } from "react";
import Link from "@/components/NoPrefetchLink";
import { FailureCallout } from "@/components/FailureCallout";
import { PatientBanner } from "@/app/patient/[ref]/_components/PatientBanner";
import { RecordNavigation } from "@/app/patient/[ref]/_components/RecordNavigation";
import { ReloadWhenRestoredFromHistory } from "@/app/patient/[ref]/_components/ReloadWhenRestoredFromHistory";
import * as content from "@/lib/content";
import { formatCis2RoleName, formatNhsNumber } from "@/lib/format";
import { describeFailure } from "@/lib/features/failure-message";
import { loadPatientPage, openedPatient } from "@/lib/features/record/load-patient";
import { organisationNames } from "@/lib/features/record/organisations";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import type { ServerSession } from "@/lib/state/session-store";
import { paths } from "@/lib/routes";
import { WarningCallout } from "@/components/WarningCallout";

/** The way back from a patient who could not be shown: to the search results, or to a new search. */
function BackToSearch({ backToResults }: { backToResults: boolean }) {
  return (
    <p>
      <Link href={backToResults ? paths.searchResults() : paths.findPatient()}>
        {backToResults ? content.patient.backToResults : content.patient.searchAgain}
      </Link>
    </p>
  );
}

function PatientUnavailable({ message, backToResults }: { message: string; backToResults: boolean }) {
  return (
    <>
      <h1>{content.patient.bannerLabel}</h1>
      <p data-testid="patient-unavailable">{message}</p>
      <BackToSearch backToResults={backToResults} />
    </>
  );
}

/** The practice's name streams in after the banner: ODS needs the code PDS gives, and the banner should not wait for it. */
async function GpPracticeName({ odsCode, role, session }: { odsCode: string; role: Cis2Role; session: ServerSession }) {
  const practices = await organisationNames([odsCode], role, session);
  return practices.get(odsCode)?.label ?? odsCode;
}

/**
 * Every patient page: who the patient is (read fresh from PDS, audited), then the part of the record
 * asked for. The page's frame is sent before PDS answers, so the browser loads its styles and scripts
 * while the national services are asked, and the record's other reads start at the same moment.
 */
export default async function PatientLayout({ children, params }: { children: React.ReactNode; params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const opened = await openedPatient(ref);
  switch (opened.kind) {
    case "not-permitted":
      // the record, or the tab asked for, is not for this role: decided before anything streams or is read, so the answer really is 403
      return forbidden();
    case "unknown-ref":
      return <PatientUnavailable message={content.patient.expired} backToResults={false} />;
    case "opened": {
      return (
        <Suspense
          fallback={
            <p role="status" data-testid="patient-loading">
              {content.patient.loading}
            </p>
          }
        >
          <PatientRecordFrame patientRef={ref}>{children}</PatientRecordFrame>
        </Suspense>
      );
    }
    default: {
      const unhandled: never = opened;
      return unhandled;
    }
  }
}

async function PatientRecordFrame({ children, patientRef }: { children: React.ReactNode; patientRef: string }) {
  const data = await loadPatientPage(patientRef);
  if (data.kind !== "loaded") return <PatientUnavailable message={content.patient.expired} backToResults={false} />;
  const { outcome, session } = data;
  const backToResults = Boolean(session.lastSearch);
  switch (outcome.kind) {
    case "found":
    case "superseded": {
      const patient = outcome.patient;
      const searchedAs = data.searchedNhsNumber ?? (outcome.kind === "superseded" ? outcome.requestedNhsNumber : null);
      return (
        <>
          <ReloadWhenRestoredFromHistory />
          {backToResults ? (
            <Link href={paths.searchResults()} className="nhsuk-back-link">
              {content.patient.backToResults}
            </Link>
          ) : null}
          {searchedAs && searchedAs !== patient.nhsNumber ? (
            <WarningCallout heading={content.findPatient.superseded.heading} testId="superseded-notice">
              <p>{content.patient.supersededNotice(formatNhsNumber(searchedAs), formatNhsNumber(patient.nhsNumber))}</p>
            </WarningCallout>
          ) : null}
          <p className="app-confidentiality" data-testid="confidentiality-banner">
            {content.confidentiality(
              data.session.user.name,
              formatCis2RoleName(data.role.roleName),
              `${data.role.orgName ?? data.role.orgCode} (${data.role.orgCode})`,
            )}
          </p>
          <PatientBanner
            patient={patient}
            gpPractice={
              patient.gpOdsCode ? (
                <Suspense fallback={patient.gpOdsCode}>
                  <GpPracticeName odsCode={patient.gpOdsCode} role={data.role} session={data.session} />
                </Suspense>
              ) : null
            }
          />
          {patient.restricted ? (
            <div className="nhsuk-inset-text">
              <p>{content.patient.restrictedNotice}</p>
            </div>
          ) : null}
          <RecordNavigation patientRef={patientRef} label={content.patient.recordNavigation} sectionLabels={content.patient.sections} />
          {children}
        </>
      );
    }
    case "not-found":
    case "invalidated":
      return <PatientUnavailable message={content.findPatient.invalidated.body} backToResults={backToResults} />;
    case "invalid-nhs-number":
      return <PatientUnavailable message={content.findPatient.rejectedNumber.body} backToResults={backToResults} />;
    case "failed":
      return (
        <>
          <h1>{content.patient.bannerLabel}</h1>
          <FailureCallout failure={describeFailure(outcome.failure)} />
          <BackToSearch backToResults={backToResults} />
        </>
      );
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}
