import Link from "@/components/NoPrefetchLink";
import { PendingSubmitButton } from "@/components/PendingSubmitButton";
import { SummaryList, SummaryRow } from "@/components/SummaryList";
import * as content from "@/lib/content";
import { formatDateTimeWithTime, formatFhirDate } from "@/lib/format";
import type { VaccinationValues } from "@/lib/features/vaccination/vaccination-form";
import type { Vaccination } from "@/lib/nhs/immunisation/client";
import { startVaccinationChangeAction } from "../actions";

const text = content.vaccinationPages;
const labels = content.vaccination.labels;

/** The answers as they will be sent (or were): for "Check your answers", with a way back to each while a draft. */
export function AnswersSummary({ values, changeHref, testId }: { values: VaccinationValues; changeHref?: string; testId?: string }) {
  const rows: Array<[string, React.ReactNode]> = [
    [labels.vaccineType, content.vaccination.typeNames[values.vaccineType]],
    [labels.product, values.product.display],
    [labels.batch, values.batch],
    [labels.expiry, formatFhirDate(values.expiry) ?? values.expiry],
    [labels.doseNumber, String(values.doseNumber)],
    [text.dose, `${values.dose.value} ${content.vaccination.doseUnits[values.dose.unit]}`],
    [labels.site, values.site.display],
    [labels.route, values.route.display],
    [text.givenAt, formatDateTimeWithTime(values.givenAt)],
    [text.consentRow, text.consentGiven],
  ];
  return (
    <dl className="nhsuk-summary-list" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div key={label} className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{label}</dt>
          <dd className="nhsuk-summary-list__value">{value}</dd>
          {changeHref ? (
            <dd className="nhsuk-summary-list__actions">
              <Link href={changeHref}>
                {text.change}
                <span className="nhsuk-u-visually-hidden"> {label.toLowerCase()}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

/** What the national record holds for a vaccination, as read from it. */
export function NationalRecord({ vaccination, version, testId }: { vaccination: Vaccination; version?: number; testId?: string }) {
  const notRecorded = content.immunisations.notRecorded;
  return (
    <SummaryList testId={testId}>
      <SummaryRow label={labels.vaccineType}>
        {vaccination.vaccineType ? content.vaccination.typeNames[vaccination.vaccineType] : (vaccination.targetDisease ?? notRecorded)}
      </SummaryRow>
      <SummaryRow label={labels.product}>{vaccination.product}</SummaryRow>
      <SummaryRow label={labels.batch}>{vaccination.batch ?? notRecorded}</SummaryRow>
      <SummaryRow label={labels.doseNumber}>{vaccination.doseNumber ?? notRecorded}</SummaryRow>
      <SummaryRow label={text.dose}>{vaccination.dose ?? notRecorded}</SummaryRow>
      <SummaryRow label={labels.site}>{vaccination.site ?? notRecorded}</SummaryRow>
      <SummaryRow label={labels.route}>{vaccination.route ?? notRecorded}</SummaryRow>
      <SummaryRow label={text.givenAt}>{formatDateTimeWithTime(vaccination.occurredOn) || vaccination.occurredOn}</SummaryRow>
      <SummaryRow label={text.location}>{vaccination.location ?? notRecorded}</SummaryRow>
      <SummaryRow label={text.givenBy}>{vaccination.recorder ?? notRecorded}</SummaryRow>
      {version !== undefined ? <SummaryRow label="Version">{String(version)}</SummaryRow> : null}
    </SummaryList>
  );
}

/** "Change this record" and "Mark as entered in error" for a record made here: each starts from the version read now. */
export function ChangeButtons({ patientRef, recordId }: { patientRef: string; recordId: string }) {
  return (
    <div className="nhsuk-button-group">
      {(["update", "delete"] as const).map((kind) => (
        <form key={kind} action={startVaccinationChangeAction}>
          <input type="hidden" name="patientRef" value={patientRef} />
          <input type="hidden" name="recordId" value={recordId} />
          <input type="hidden" name="kind" value={kind} />
          <PendingSubmitButton pendingText={kind === "update" ? text.changeRecord : text.markEnteredInError} secondary>
            {kind === "update" ? text.changeRecord : text.markEnteredInError}
          </PendingSubmitButton>
        </form>
      ))}
    </div>
  );
}

export function BackToImmunisations({ href }: { href: string }) {
  return (
    <Link href={href} className="nhsuk-back-link">
      {text.backToImmunisations}
    </Link>
  );
}
