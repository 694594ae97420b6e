import * as content from "@/lib/content";
import { formatAge, formatFhirDate, formatFhirDateTime, formatGender, formatNhsNumber, formatPatientName } from "@/lib/format";
import type { PatientRecord } from "@/lib/nhs/pds/client";

function Detail({ label, children, testId }: { label: string; children: React.ReactNode; testId: string }) {
  return (
    <div className="app-patient-banner__detail">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** The patient's identity at the top of every patient page: who this is, so that nobody acts on the wrong record. */
export function PatientBanner({ patient, gpPractice }: { patient: PatientRecord; gpPractice: React.ReactNode }) {
  const name = formatPatientName(patient.name) ?? content.patient.nameNotKnown;
  const deceasedDate = patient.deceased ? formatFhirDateTime(patient.deceased.dateTime) : null;
  const address = patient.homeAddress ? [...patient.homeAddress.lines, patient.homeAddress.postalCode].filter(Boolean).join(", ") : null;
  const age = formatAge(patient.birthDate, patient.deceased?.dateTime ?? new Date());
  const born = formatFhirDate(patient.birthDate);

  return (
    <section
      className={`app-patient-banner${patient.deceased ? " app-patient-banner--deceased" : ""}`}
      aria-label={content.patient.bannerLabel}
      data-testid="patient-banner"
    >
      <h1 className="app-patient-banner__name" data-testid="patient-name">
        {name}
      </h1>
      {patient.deceased || patient.restricted || patient.temporaryAddress ? (
        <p className="app-patient-banner__flags">
          {patient.deceased ? (
            <strong className="nhsuk-tag nhsuk-tag--grey" data-testid="deceased-flag">
              {deceasedDate ? content.patient.deceasedOn(deceasedDate) : content.patient.deceased}
            </strong>
          ) : null}
          {patient.restricted ? (
            <strong className="nhsuk-tag nhsuk-tag--orange" data-testid="restricted-flag">
              {content.patient.restricted}
            </strong>
          ) : null}
          {patient.temporaryAddress ? (
            <strong className="nhsuk-tag nhsuk-tag--blue" data-testid="temporary-address-flag">
              {content.patient.temporaryAddressFlag}
            </strong>
          ) : null}
        </p>
      ) : null}
      <dl className="app-patient-banner__details">
        <Detail label={content.patient.nhsNumber} testId="patient-nhs-number">
          <span className="nhsuk-u-nowrap">{formatNhsNumber(patient.nhsNumber)}</span>
        </Detail>
        <Detail label={content.patient.born} testId="patient-birth-date">
          {born ?? content.patient.notKnown}
        </Detail>
        <Detail label={content.patient.age} testId="patient-age">
          {age ?? content.patient.notKnown}
        </Detail>
        <Detail label={content.patient.gender} testId="patient-gender">
          {formatGender(patient.gender) ?? content.patient.notKnown}
        </Detail>
        <Detail label={content.patient.address} testId="patient-address">
          {patient.restricted ? content.patient.restricted : (address ?? content.patient.notKnown)}
        </Detail>
        <Detail label={content.patient.gpPractice} testId="patient-gp">
          {patient.restricted ? content.patient.restricted : (gpPractice ?? content.patient.notKnown)}
        </Detail>
      </dl>
    </section>
  );
}
