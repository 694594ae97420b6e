import type { Metadata } from "next";
import Link from "next/link";
import { FailureCallout } from "@/components/FailureCallout";
import { content } from "@/lib/content";
import { formatDateTimeWithTime, formatFhirDate, formatFhirDateTime, formatUbrn } from "@/lib/format";
import { describeFailure } from "@/lib/nhs/failure-message";
import { openReferral } from "@/lib/patients/referrals";

const text = content.referrals;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

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

export default async function ReferralPage({ params }: { params: Promise<{ ref: string; referralRef: string }> }) {
  const { ref, referralRef } = await params;
  const outcome = await openReferral(ref, referralRef);
  const back = (
    <p>
      <Link href={`/patient/${ref}/referrals`}>{text.back}</Link>
    </p>
  );
  if (outcome.kind !== "found") {
    const message =
      outcome.kind === "failed" ? null : outcome.kind === "not-found" ? text.unknown : outcome.kind === "refused" ? text.refused : outcome.kind === "other-patient" ? text.otherPatient : outcome.kind === "no-ers-role" ? text.noErsRole(outcome.role?.orgName ?? "your organisation") : outcome.kind === "not-permitted" ? text.notPermitted : text.unknown;
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
      <dl className="nhsuk-summary-list" data-testid="referral-summary">
        <Row label={text.summary.state} testId="referral-state">
          <strong className="nhsuk-tag">{text.states[referral.state] ?? referral.state}</strong>
        </Row>
        <Row label={text.summary.priority} testId="referral-priority">
          {referral.priority ? (text.priorities[referral.priority] ?? referral.priority) : content.prescriptions.detail.notRecorded}
        </Row>
        <Row label={text.summary.specialty}>{referral.specialty ?? content.prescriptions.detail.notRecorded}</Row>
        <Row label={text.summary.service} testId="referral-service">
          {referral.service.name ?? referral.service.id}
          {referral.provider.name ? (
            <>
              <br />
              {referral.provider.name}
            </>
          ) : null}
        </Row>
        <Row label={text.summary.referrer} testId="referral-referrer">
          {[referral.referrer.name, referral.referrer.organisationName].filter(Boolean).join(", ")}
        </Row>
        <Row label={text.summary.created}>{formatFhirDate(referral.created?.slice(0, 10)) ?? content.prescriptions.detail.notRecorded}</Row>
        <Row label={text.summary.pathwayStart}>{formatFhirDate(referral.pathwayStart?.slice(0, 10)) ?? content.prescriptions.detail.notRecorded}</Row>
        {referral.appointment ? (
          <Row label={text.summary.appointment} testId="referral-appointment">
            {formatFhirDateTime(referral.appointment.start)}
          </Row>
        ) : null}
        {referral.relatedUbrn ? (
          <Row label={text.summary.related} testId="referral-related">
            {formatUbrn(referral.relatedUbrn)}
          </Row>
        ) : null}
        {referral.convertedFromAdviceUbrn ? (
          <Row label={text.summary.converted} testId="referral-converted">
            {formatUbrn(referral.convertedFromAdviceUbrn)}
          </Row>
        ) : null}
        {referral.additionalRequirements.length ? (
          <Row label={text.summary.requirements} testId="referral-requirements">
            <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
              {referral.additionalRequirements.map((requirement) => (
                <li key={requirement}>{requirement}</li>
              ))}
            </ul>
          </Row>
        ) : null}
      </dl>
      <h3 className="nhsuk-heading-s">{text.clinicalHeading}</h3>
      <p data-testid="referral-clinical">{referral.clinicalInformation ?? content.prescriptions.detail.notRecorded}</p>
      <h3 className="nhsuk-heading-s">{text.attachmentsHeading}</h3>
      {referral.attachments.length ? (
        <ul className="nhsuk-list" data-testid="referral-attachments">
          {referral.attachments.map((attachment) => (
            <li key={attachment.id}>
              {attachment.availability === "AVAILABLE" ? (
                <a href={`/patient/${ref}/referrals/${referralRef}/attachments/${encodeURIComponent(attachment.id)}`}>{text.download(attachment.title)}</a>
              ) : (
                <>
                  {attachment.title}: <span data-testid="attachment-unavailable">{text.unavailable(text.availability[attachment.availability] ?? attachment.availability)}</span>
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
