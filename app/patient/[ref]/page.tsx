import type { Metadata } from "next";
import { Suspense } from "react";
import { RecordTimeline } from "@/components/RecordTimeline";
import { content } from "@/lib/content";
import { formatDateTimeWithTime, formatFhirDate } from "@/lib/format";
import { loadPatientPage } from "@/lib/patients/load-patient";
import { organisationNames } from "@/lib/patients/organisations";

export const metadata: Metadata = { title: content.pageTitle(content.patient.overview.title) };

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export default async function PatientOverviewPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded" || (data.outcome.kind !== "found" && data.outcome.kind !== "superseded")) return null;
  const { patient, retrievedAt } = data.outcome;
  const names = await organisationNames([patient.gpOdsCode, patient.nominatedPharmacyOdsCode], data.role);
  const text = content.patient;
  const temporary = patient.temporaryAddress;

  return (
    <>
      <h2 className="nhsuk-heading-m">{text.overview.title}</h2>
      <dl className="nhsuk-summary-list" data-testid="overview-key-facts">
        <Row label={text.details.gp} testId="overview-gp">
          {patient.restricted ? text.restricted : patient.gpOdsCode ? names.get(patient.gpOdsCode)?.label : text.notKnown}
        </Row>
        <Row label={text.details.pharmacy} testId="overview-pharmacy">
          {patient.restricted ? text.restricted : patient.nominatedPharmacyOdsCode ? names.get(patient.nominatedPharmacyOdsCode)?.label : text.details.noPharmacy}
        </Row>
        {temporary ? (
          <Row label={text.temporaryAddress} testId="overview-temporary-address">
            {[...temporary.lines, temporary.postalCode].filter(Boolean).join(", ")}
            {temporary.period?.end ? ` (${text.details.until} ${formatFhirDate(temporary.period.end)})` : null}
          </Row>
        ) : null}
        <Row label={text.details.communication} testId="overview-communication">
          {patient.communication
            ? `${patient.communication.language ?? text.notKnown}${patient.communication.interpreterRequired ? `; ${text.details.interpreter.toLowerCase()}` : ""}`
            : text.details.noCommunication}
        </Row>
      </dl>
      <h2 className="nhsuk-heading-s">{text.overview.sources}</h2>
      <p className="app-source-note" data-testid="source-note">
        {text.source("PDS", formatDateTimeWithTime(retrievedAt))}. {text.overview.sourcesBody}
      </p>
      <Suspense fallback={<p data-testid="timeline-loading" role="status">{content.timeline.loading}</p>}>
        <RecordTimeline patientRef={ref} />
      </Suspense>
    </>
  );
}
