import type { Metadata } from "next";
import { Suspense } from "react";
import { MedicineInformation, SendToNhsAppLink } from "../_components/MedicineInformation";
import Link from "@/components/NoPrefetchLink";
import { CopyButton } from "@/components/CopyButton";
import { FailureCallout } from "@/components/FailureCallout";
import * as content from "@/lib/content";
import { formatDateTimeWithTime, formatFhirDate, formatFhirDateTime } from "@/lib/format";
import { describeFailure } from "@/lib/features/failure-message";
import type { OrganisationDisplay } from "@/lib/features/record/organisations";
import { openPrescription } from "@/lib/features/prescriptions/prescription-detail";
import { SummaryList, SummaryRow } from "@/components/SummaryList";
import { Table } from "@/components/Table";
import { paths } from "@/lib/routes";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";

const text = content.prescriptions;
const detail = text.detail;

export const metadata: Metadata = { title: content.pageTitle(detail.title) };

function OrganisationCell({ odsCode, organisations, fallback }: { odsCode: string | null; organisations: Map<string, OrganisationDisplay>; fallback: string }) {
  if (!odsCode) return <>{fallback}</>;
  const found = organisations.get(odsCode);
  return (
    <>
      {found?.label ?? odsCode}
      {found?.organisation?.address ? (
        <>
          <br />
          {found.organisation.address}
        </>
      ) : null}
      {found?.organisation?.phone ? (
        <>
          <br />
          {found.organisation.phone}
        </>
      ) : null}
    </>
  );
}

export default async function PrescriptionPage({ params }: { params: Promise<{ ref: string; rxRef: string }> }) {
  const { ref, rxRef } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const outcome = await openPrescription(ref, rxRef);
  const back = (
    <p>
      <Link href={paths.recordSection(ref, "prescriptions")}>{detail.back}</Link>
    </p>
  );
  if (outcome.kind !== "found") {
    return (
      <>
        {back}
        <h2 className="nhsuk-heading-m">{detail.title}</h2>
        {outcome.kind === "failed" ? (
          <FailureCallout failure={describeFailure(outcome.failure)} />
        ) : (
          <p data-testid="prescription-unavailable">{outcome.kind === "not-permitted" ? text.notPermitted : detail.unknown}</p>
        )}
      </>
    );
  }
  const { prescription, organisations } = outcome;
  const type = text.types[prescription.type];
  return (
    <>
      {back}
      <h2 className="nhsuk-heading-m" data-testid="prescription-heading">
        {detail.title} <code>{prescription.prescriptionId}</code>
      </h2>
      <p className="nhsuk-body-s" data-testid="source-provenance">
        {content.patient.source("EPS", formatDateTimeWithTime(outcome.retrievedAt))}.
      </p>
      <SummaryList testId="prescription-summary">
        <SummaryRow label={detail.summary.id}>
          <code>{prescription.prescriptionId}</code>{" "}
          <CopyButton value={prescription.prescriptionId} label={text.copyLabel(prescription.prescriptionId)} text={{ copy: text.copy, copied: text.copied }} />
        </SummaryRow>
        <SummaryRow label={detail.summary.type} testId="prescription-type">
          {prescription.issue && prescription.type !== "acute" ? `${type}, ${text.issueOf(prescription.issue.number, prescription.issue.of)}` : type}
        </SummaryRow>
        <SummaryRow label={detail.summary.status} testId="prescription-status">
          <strong className="nhsuk-tag">{prescription.status.display}</strong>
          {prescription.pendingCancellation ? (
            <>
              {" "}
              <strong className="nhsuk-tag nhsuk-tag--red">{text.pendingCancellation}</strong>
            </>
          ) : null}
        </SummaryRow>
        {prescription.cancellationReason ? (
          <SummaryRow label={detail.summary.cancellation} testId="prescription-cancellation">
            {prescription.cancellationReason}
          </SummaryRow>
        ) : null}
        <SummaryRow label={detail.summary.issued}>{formatFhirDate(prescription.authoredOn.slice(0, 10)) ?? detail.notRecorded}</SummaryRow>
        <SummaryRow label={detail.summary.prescriber} testId="prescription-prescriber">
          {prescription.prescriber.name ? (
            <>
              {prescription.prescriber.name}
              <br />
            </>
          ) : null}
          <OrganisationCell odsCode={prescription.prescriber.odsCode} organisations={organisations} fallback={detail.notRecorded} />
        </SummaryRow>
        <SummaryRow label={detail.summary.dispenser} testId="prescription-dispenser">
          <OrganisationCell odsCode={prescription.dispenserOdsCode} organisations={organisations} fallback={detail.notYetDispensed} />
        </SummaryRow>
        <SummaryRow label={detail.summary.nominated} testId="prescription-nominated">
          <OrganisationCell odsCode={prescription.nominatedDispenserOdsCode} organisations={organisations} fallback={detail.noNomination} />
        </SummaryRow>
      </SummaryList>

      <h3 className="nhsuk-heading-s">{detail.itemsHeading}</h3>
      <Table caption={detail.itemsCaption} headings={detail.itemHeadings} testId="prescription-items">
        {prescription.items.map((item, index) => (
          <tr key={index} className="nhsuk-table__row">
            <td className="nhsuk-table__cell">
              <strong>{item.name}</strong>
            </td>
            <td className="nhsuk-table__cell">{item.dosage ?? detail.notRecorded}</td>
            <td className="nhsuk-table__cell">{item.quantity ?? detail.notRecorded}</td>
            <td className="nhsuk-table__cell">
              {item.status ? <strong className="nhsuk-tag nhsuk-tag--grey">{item.status.display}</strong> : detail.notRecorded}
              {item.pendingCancellation ? (
                <>
                  {" "}
                  <strong className="nhsuk-tag nhsuk-tag--red">{text.pendingCancellation}</strong>
                </>
              ) : null}
              {item.cancellationReason ? <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{detail.cancelledBecause(item.cancellationReason)}</p> : null}
              {item.notDispensedReason ? <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{detail.notDispensedBecause(item.notDispensedReason)}</p> : null}
            </td>
            <td className="nhsuk-table__cell">{item.dispensedQuantity ?? "—"}</td>
          </tr>
        ))}
      </Table>

      <section aria-labelledby="medicine-information-heading" data-testid="medicines-information">
        <h3 className="nhsuk-heading-s" id="medicine-information-heading">
          {content.nhsWebsite.aboutTheseMedicines}
        </h3>
        {prescription.items.map((item, index) => (
          <Suspense key={index} fallback={null}>
            <MedicineInformation name={item.name} />
          </Suspense>
        ))}
        <SendToNhsAppLink patientRef={ref} />
      </section>

      <h3 className="nhsuk-heading-s">{detail.historyHeading}</h3>
      <Table caption={detail.historyCaption} headings={detail.historyHeadings} testId="prescription-history">
        {prescription.history.map((entry, index) => (
          <tr key={index} className="nhsuk-table__row">
            <td className="nhsuk-table__cell">{formatFhirDateTime(entry.at) ?? entry.at}</td>
            <td className="nhsuk-table__cell">{entry.title}</td>
            <td className="nhsuk-table__cell">{entry.status}</td>
            <td className="nhsuk-table__cell">{entry.odsCode ? (organisations.get(entry.odsCode)?.label ?? entry.odsCode) : detail.notRecorded}</td>
          </tr>
        ))}
      </Table>

      {prescription.otherIssues.length ? (
        <>
          <h3 className="nhsuk-heading-s">{detail.otherIssuesHeading}</h3>
          <Table caption={detail.otherIssuesCaption} headings={detail.otherIssueHeadings} testId="prescription-other-issues">
            {prescription.otherIssues.map((issue) => (
              <tr key={issue.title} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">{issue.title}</td>
                <td className="nhsuk-table__cell">{issue.status}</td>
                <td className="nhsuk-table__cell">{issue.date ? (formatFhirDate(issue.date.slice(0, 10)) ?? issue.date) : detail.notRecorded}</td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
    </>
  );
}
