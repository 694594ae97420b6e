import type { Metadata } from "next";
import { Suspense } from "react";
import { RecordTimeline } from "@/app/patient/[ref]/_components/RecordTimeline";
import * as content from "@/lib/content";
import { formatDateTimeWithTime, formatFhirDate } from "@/lib/format";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { organisationNames } from "@/lib/features/record/organisations";
import { SummaryList, SummaryRow } from "@/components/SummaryList";

export const metadata: Metadata = { title: content.pageTitle(content.patient.overview.title) };

/** The key facts need PDS, then ODS for the names; they stream beside the timeline rather than holding it back. */
async function OverviewKeyFacts({ patientRef }: { patientRef: string }) {
  const data = await loadPatientPage(patientRef);
  if (data.kind !== "loaded" || (data.outcome.kind !== "found" && data.outcome.kind !== "superseded")) return null;
  const { patient, retrievedAt } = data.outcome;
  const names = await organisationNames([patient.gpOdsCode, patient.nominatedPharmacyOdsCode], data.role, data.session);
  const text = content.patient;
  const temporary = patient.temporaryAddress;
  return (
    <>
      <SummaryList testId="overview-key-facts">
        <SummaryRow label={text.details.gp} testId="overview-gp">
          {patient.restricted ? text.restricted : patient.gpOdsCode ? names.get(patient.gpOdsCode)?.label : text.notKnown}
        </SummaryRow>
        <SummaryRow label={text.details.pharmacy} testId="overview-pharmacy">
          {patient.restricted
            ? text.restricted
            : patient.nominatedPharmacyOdsCode
              ? names.get(patient.nominatedPharmacyOdsCode)?.label
              : text.details.noPharmacy}
        </SummaryRow>
        {temporary ? (
          <SummaryRow label={text.temporaryAddress} testId="overview-temporary-address">
            {[...temporary.lines, temporary.postalCode].filter(Boolean).join(", ")}
            {temporary.period?.end ? ` (${text.details.until} ${formatFhirDate(temporary.period.end)})` : null}
          </SummaryRow>
        ) : null}
        <SummaryRow label={text.details.communication} testId="overview-communication">
          {patient.communication
            ? `${patient.communication.language ?? text.notKnown}${patient.communication.interpreterRequired ? `; ${text.details.interpreter.toLowerCase()}` : ""}`
            : text.details.noCommunication}
        </SummaryRow>
      </SummaryList>
      <h2 className="nhsuk-heading-s">{text.overview.sources}</h2>
      <p className="app-source-note" data-testid="source-note">
        {text.source("PDS", formatDateTimeWithTime(retrievedAt))}. {text.overview.sourcesBody}
      </p>
    </>
  );
}

/** Renders at once, so the timeline's reads start with the layout's PDS read instead of after it. */
export default async function PatientOverviewPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  return (
    <>
      <h2 className="nhsuk-heading-m">{content.patient.overview.title}</h2>
      <Suspense fallback={<p role="status">{content.timeline.loading}</p>}>
        <OverviewKeyFacts patientRef={ref} />
      </Suspense>
      <Suspense
        fallback={
          <p data-testid="timeline-loading" role="status">
            {content.timeline.loading}
          </p>
        }
      >
        <RecordTimeline patientRef={ref} />
      </Suspense>
    </>
  );
}
