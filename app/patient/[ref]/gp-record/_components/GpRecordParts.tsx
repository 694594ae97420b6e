import { FailureCallout } from "@/components/FailureCallout";
import { Table } from "@/components/Table";
import { WarningCallout } from "@/components/WarningCallout";
import * as content from "@/lib/content";
import { describeFailure } from "@/lib/features/failure-message";
import type { GpRecordResult } from "@/lib/features/gp-record/load-gp-record";
import { SummaryList, SummaryRow } from "@/components/SummaryList";
import type { IdentityField } from "@/lib/features/gp-record/load-gp-record";
import { formatFhirDate, formatGender, formatPatientName } from "@/lib/format";
import type { GpConsultation, GpRecordPatient, Term } from "@/lib/nhs/gpconnect/structured-record";
import type { PatientRecord } from "@/lib/nhs/pds/client";

const text = content.gpRecord;

export const dateOf = (value: string | null) => (value ? (formatFhirDate(value) ?? value) : text.notRecorded);
/** The practice's own text first; for a code it recorded alone, the Terminology Server's term, said to be one. */
export const termOf = (term: Term) => term.text ?? (term.snomed ? text.snomedTerm(term.snomed) : null) ?? term.code ?? text.notRecorded;
export const byOf = (item: { author: string | null; practice: string | null }) => text.by(item.author ?? text.unknownAuthor, item.practice);

/** A plain-English message with the reference to quote, for an outcome that is not a record. */
function Outcome({ heading, body, reference, testId }: { heading: string; body: string; reference: string | null; testId: string }) {
  return (
    <WarningCallout heading={heading} testId={testId}>
      <p>{body}</p>
      {reference ? (
        <p className="nhsuk-body-s">
          {text.reference}: <code data-testid="gp-record-reference">{reference}</code>
        </p>
      ) : null}
    </WarningCallout>
  );
}

/** Everything but a record: why there is none, in the words of that outcome; null when there is a record. */
export function GpRecordNotShown({ result, practiceName }: { result: GpRecordResult; practiceName: string | null }) {
  const outcomes = text.outcomes;
  switch (result.kind) {
    case "not-permitted":
      return <p data-testid="source-not-permitted">{text.notPermitted}</p>;
    case "no-patient":
      return null;
    case "not-configured":
      return <Outcome {...outcomes.notConfigured} reference={null} testId="gp-record-not-configured" />;
    case "no-practice":
      return <Outcome {...outcomes.noPractice} reference={null} testId="gp-record-no-practice" />;
    case "not-offered":
      return (
        <Outcome
          heading={outcomes.notOffered.heading}
          body={outcomes.notOffered.body(practiceName ?? result.practiceOds)}
          reference={result.requestId}
          testId="gp-record-not-offered"
        />
      );
    case "directory-failed":
      return <FailureCallout failure={describeFailure(result.failure)} />;
    case "wrong-patient":
      return <Outcome {...outcomes.wrongPatient} reference={result.requestId} testId="gp-record-wrong-patient" />;
    case "answered": {
      const outcome = result.outcome;
      switch (outcome.kind) {
        case "found":
          return null;
        case "no-consent":
          return <Outcome {...outcomes.noConsent} reference={outcome.requestId} testId="gp-record-no-consent" />;
        case "not-available":
          return <Outcome {...outcomes.notAvailable} reference={outcome.requestId} testId="gp-record-not-available" />;
        case "not-enabled":
          return <Outcome {...outcomes.notEnabled} reference={outcome.requestId} testId="gp-record-not-enabled" />;
        case "refused":
          return (
            <Outcome
              heading={outcomes.refused.heading}
              body={outcomes.refused.body}
              reference={[outcome.requestId, outcome.code, outcome.diagnostics].filter(Boolean).join(" · ")}
              testId="gp-record-refused"
            />
          );
        case "practice-unavailable":
          return (
            <>
              <Outcome {...outcomes.unavailable} reference={null} testId="gp-record-unavailable" />
              <FailureCallout failure={describeFailure(outcome.failure)} />
            </>
          );
        case "malformed":
          return <Outcome {...outcomes.malformed} reference={outcome.failure.requestId} testId="gp-record-malformed" />;
        default: {
          const unhandled: never = outcome;
          return unhandled;
        }
      }
    }
    default: {
      const unhandled: never = result;
      return unhandled;
    }
  }
}

/** Where the practice's Patient differs from what PDS showed: the fields named, both versions side by side. */
export function MismatchBanner({ fields, pds, practice }: { fields: IdentityField[]; pds: PatientRecord | null; practice: GpRecordPatient }) {
  if (!fields.length) return null;
  const describe = (name: string | null, birthDate: string | null, gender: string | null) =>
    [name ?? text.notRecorded, formatFhirDate(birthDate) ?? text.notRecorded, formatGender(gender as Parameters<typeof formatGender>[0]) ?? ""]
      .filter(Boolean)
      .join(", ");
  return (
    <WarningCallout heading={text.mismatchHeading} alert testId="gp-record-mismatch">
      <p>{text.mismatchBody(fields.map((field) => text.mismatchFields[field]).join(" and "))}</p>
      <SummaryList className="nhsuk-u-margin-bottom-0">
        <SummaryRow label={text.pdsSays}>{describe(formatPatientName(pds?.name), pds?.birthDate ?? null, pds?.gender ?? null)}</SummaryRow>
        <SummaryRow label={text.practiceSays}>
          {describe(formatPatientName({ family: practice.family ?? undefined, given: practice.given }), practice.birthDate, practice.gender)}
        </SummaryRow>
      </SummaryList>
    </WarningCallout>
  );
}

export function ConsultationList({ consultations }: { consultations: GpConsultation[] }) {
  if (!consultations.length) return <p>{text.none.consultations}</p>;
  return (
    <ul className="nhsuk-list" data-testid="gp-consultations">
      {consultations.map((consultation) => (
        <li key={consultation.id} className="nhsuk-card nhsuk-u-margin-bottom-3" data-testid="gp-consultation">
          <div className="nhsuk-card__content">
            <h4 className="nhsuk-card__heading nhsuk-heading-s">
              {dateOf(consultation.date)}: {consultation.title || text.notRecorded}
            </h4>
            <p className="nhsuk-body-s">{byOf(consultation)}</p>
            {consultation.entries.length ? (
              <dl className="nhsuk-summary-list nhsuk-u-margin-bottom-0">
                {consultation.entries.map((entry, index) => (
                  // entries have no identity of their own; their order is the record's
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is never reordered
                  <div key={index} className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">{entry.heading ?? ""}</dt>
                    <dd className="nhsuk-summary-list__value">{entry.text}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function EmptyOr({ items, none, children }: { items: unknown[]; none: string; children: React.ReactNode }) {
  return items.length ? <>{children}</> : <p>{none}</p>;
}

export { Table };
