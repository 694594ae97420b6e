import type { Metadata } from "next";
import { Suspense } from "react";
import { FailureCallout } from "@/components/FailureCallout";
import * as content from "@/lib/content";
import { formatDateTimeWithTime, formatFhirDate, formatFhirDateTime, formatUbrn } from "@/lib/format";
import { describeFailure } from "@/lib/features/failure-message";
import { openReferral } from "@/lib/features/referrals/referrals";
import { SummaryList, SummaryRow } from "@/components/SummaryList";
import { paths } from "@/lib/routes";
import { BackToReferrals } from "@/app/patient/[ref]/referrals/_components/BackToReferrals";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import { ReferralInformation, SpecialtyInformation } from "@/app/patient/[ref]/referrals/_components/ReferralInformation";
import { SendToNhsAppLink } from "@/app/patient/[ref]/prescriptions/_components/MedicineInformation";

const text = content.referrals;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

export default async function ReferralPage({ params }: { params: Promise<{ ref: string; referralRef: string }> }) {
  const { ref, referralRef } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const outcome = await openReferral(ref, referralRef);
  const back = <BackToReferrals patientRef={ref} />;
  if (outcome.kind !== "found") {
    const message =
      outcome.kind === "failed"
        ? null
        : outcome.kind === "not-found"
          ? text.unknown
          : outcome.kind === "refused"
            ? text.refused
            : outcome.kind === "other-patient"
              ? text.otherPatient
              : outcome.kind === "no-ers-role"
                ? text.noErsRole(outcome.role?.orgName ?? "your organisation")
                : outcome.kind === "not-permitted"
                  ? text.notPermitted
                  : text.unknown;
    return (
      <>
        {back}
        <h2 className="nhsuk-heading-m">{text.title}</h2>
        {outcome.kind === "failed" ? <FailureCallout failure={describeFailure(outcome.failure)} /> : <p data-testid="referral-unavailable">{message}</p>}
      </>
    );
  }
  const { referral } = outcome;
  return (
    <>
      {back}
      <h2 className="nhsuk-heading-m" data-testid="referral-heading">
        {text.heading(formatUbrn(referral.ubrn))}
      </h2>
      <p className="nhsuk-body-s" data-testid="source-provenance">
        {content.patient.source("e-RS", formatDateTimeWithTime(outcome.retrievedAt))}.
      </p>
      <SummaryList testId="referral-summary">
        <SummaryRow label={text.summary.state} testId="referral-state">
          <strong className="nhsuk-tag">{text.states[referral.state] ?? referral.state}</strong>
        </SummaryRow>
        <SummaryRow label={text.summary.priority} testId="referral-priority">
          {referral.priority ? (text.priorities[referral.priority] ?? referral.priority) : content.prescriptions.detail.notRecorded}
        </SummaryRow>
        <SummaryRow label={text.summary.specialty}>{referral.specialty ?? content.prescriptions.detail.notRecorded}</SummaryRow>
        <SummaryRow label={text.summary.service} testId="referral-service">
          {referral.service.name ?? referral.service.id ?? content.prescriptions.detail.notRecorded}
        </SummaryRow>
        <SummaryRow label={text.summary.created}>{formatFhirDate(referral.created?.slice(0, 10)) ?? content.prescriptions.detail.notRecorded}</SummaryRow>
        <SummaryRow label={text.summary.pathwayStart}>
          {formatFhirDate(referral.pathwayStart?.slice(0, 10)) ?? content.prescriptions.detail.notRecorded}
        </SummaryRow>
        {referral.appointment ? (
          <SummaryRow label={text.summary.appointment} testId="referral-appointment">
            {formatFhirDateTime(referral.appointment.start)}
          </SummaryRow>
        ) : null}
        {referral.relatedUbrn ? (
          <SummaryRow label={text.summary.related} testId="referral-related">
            {formatUbrn(referral.relatedUbrn)}
          </SummaryRow>
        ) : null}
        {referral.convertedFromAdviceUbrn ? (
          <SummaryRow label={text.summary.converted} testId="referral-converted">
            {formatUbrn(referral.convertedFromAdviceUbrn)}
          </SummaryRow>
        ) : null}
        {referral.additionalRequirements.length ? (
          <SummaryRow label={text.summary.requirements} testId="referral-requirements">
            <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
              {referral.additionalRequirements.map((requirement) => (
                <li key={requirement}>{requirement}</li>
              ))}
            </ul>
          </SummaryRow>
        ) : null}
      </SummaryList>
      <section aria-labelledby="referral-information-heading" data-testid="referral-nhs-website">
        <h3 className="nhsuk-heading-s" id="referral-information-heading">
          {content.nhsWebsite.aboutThisReferral}
        </h3>
        {/* each page on its own: NHS.UK failing for one shows beside the other, and never hides the referral */}
        <Suspense fallback={null}>
          <ReferralInformation />
        </Suspense>
        <Suspense fallback={null}>
          <SpecialtyInformation specialtyCode={referral.specialtyCode} specialty={referral.specialty} />
        </Suspense>
        <SendToNhsAppLink patientRef={ref} />
      </section>
      <h3 className="nhsuk-heading-s">{text.attachmentsHeading}</h3>
      <p className="nhsuk-body-s" data-testid="referral-clinical">
        {text.clinicalInAttachments}
      </p>
      {referral.attachments.length ? (
        <ul className="nhsuk-list" data-testid="referral-attachments">
          {referral.attachments.map((attachment) => (
            <li key={attachment.id}>
              {attachment.availability === "AVAILABLE" ? (
                <a href={paths.referralAttachment(ref, referralRef, attachment.id)}>{text.download(attachment.title)}</a>
              ) : (
                <>
                  {attachment.title}:{" "}
                  <span data-testid="attachment-unavailable">{text.unavailable(text.availability[attachment.availability] ?? attachment.availability)}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{text.noAttachments}</p>
      )}
    </>
  );
}
