import type { Metadata } from "next";
import { Suspense } from "react";
import { SendToNhsAppLink, VaccinationInformation } from "../prescriptions/_components/MedicineInformation";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
import { ImmunisationFilterForm } from "@/app/patient/[ref]/immunisations/_components/ImmunisationFilterForm";
import { SourceUnavailable } from "@/components/SourceUnavailable";
import * as content from "@/lib/content";
import { formatFhirDate } from "@/lib/format";
import { VACCINE_TYPES, type Vaccination } from "@/lib/nhs/immunisation/client";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { loadVaccinations } from "@/lib/features/record/record-sources";
import { readImmunisationFilter, type ImmunisationFilter } from "@/lib/features/immunisations/immunisation-filter";
import { TableHead } from "@/components/Table";
import { paths } from "@/lib/routes";
import { SourceProvenance } from "@/components/SourceProvenance";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import { ChangeButtons } from "@/app/patient/[ref]/immunisations/record/_components/VaccinationSummary";
import { canUse } from "@/lib/access/policy";
import { formatDateTimeWithTime } from "@/lib/format";
import { codedText } from "@/lib/features/immunisations/coded-text";
import { isRecordedHere } from "@/lib/features/vaccination/vaccinations";

const text = content.immunisations;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

const matches = (vaccination: Vaccination, filter: ImmunisationFilter) =>
  (!filter.type || vaccination.vaccineType === filter.type) &&
  (!filter.from || vaccination.occurredOn.slice(0, 10) >= filter.from) &&
  (!filter.to || vaccination.occurredOn.slice(0, 10) <= filter.to);

export default async function ImmunisationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ ref: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ ref }, query] = await Promise.all([params, searchParams]);
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const canRecord = canUse("record-vaccinations", data.role, data.session.assurance.authenticationLevel);
  const recordLink = canRecord ? (
    <a href={paths.recordVaccination(ref)} className="nhsuk-button" role="button" data-testid="record-vaccination-start" draggable="false">
      {content.vaccinationPages.start}
    </a>
  ) : null;
  const outcome = await loadVaccinations(ref);
  if (outcome.kind !== "found")
    return (
      <>
        <SourceUnavailable title={text.title} outcome={outcome} notPermitted={text.notPermitted} />
        {recordLink}
      </>
    );
  const { filter, errors, values } = readImmunisationFilter(query);
  const all = outcome.items;
  const shown = errors.length ? all : all.filter((vaccination) => matches(vaccination, filter));
  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={text.title} />
      <h2 className="nhsuk-heading-m">{text.title}</h2>
      <SourceProvenance source={"the Immunisation service"} retrievedAt={outcome.retrievedAt} withheld={outcome.withheld} requestId={outcome.requestId} />
      {recordLink}
      {all.length === 0 ? (
        <p data-testid="immunisations-none">{text.noneRecorded}</p>
      ) : (
        <>
          <details className="nhsuk-details" open={Boolean(filter.type || filter.from || filter.to || errors.length)}>
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">{text.filters}</span>
            </summary>
            <div className="nhsuk-details__text">
              <ImmunisationFilterForm clearHref={paths.recordSection(ref, "immunisations")} vaccineTypes={VACCINE_TYPES} values={values} errors={errors} />
            </div>
          </details>
          <p data-testid="immunisations-count">{text.count(shown.length, all.length)}</p>
          {shown.length === 0 ? (
            <p data-testid="immunisations-none-match">{text.noneMatch}</p>
          ) : (
            <table className="nhsuk-table" data-testid="immunisations-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{text.caption}</caption>
              <TableHead headings={text.headings} />
              <tbody className="nhsuk-table__body">
                {shown.map((vaccination) => (
                  <tr key={vaccination.id} className="nhsuk-table__row" data-testid="immunisation-row">
                    <td className="nhsuk-table__cell">{formatFhirDate(vaccination.occurredOn.slice(0, 10)) ?? vaccination.occurredOn}</td>
                    <td className="nhsuk-table__cell">
                      <strong>{vaccination.vaccineType ? text.typeNames[vaccination.vaccineType] : (vaccination.targetDisease ?? text.notRecorded)}</strong>
                      <br />
                      {codedText(vaccination, "product")}
                    </td>
                    <td className="nhsuk-table__cell">
                      {vaccination.doseNumber ? text.doseNumber(vaccination.doseNumber) : text.notRecorded}
                      {vaccination.dose ? `, ${vaccination.dose}` : ""}
                    </td>
                    <td className="nhsuk-table__cell">
                      {[codedText(vaccination, "site"), codedText(vaccination, "route")].filter(Boolean).join(", ") || text.notRecorded}
                    </td>
                    <td className="nhsuk-table__cell">{vaccination.batch ?? text.notRecorded}</td>
                    <td className="nhsuk-table__cell">{vaccination.location ?? text.notRecorded}</td>
                    <td className="nhsuk-table__cell">
                      {vaccination.recorder ?? text.notRecorded}
                      {isRecordedHere(vaccination) ? (
                        <>
                          <br />
                          <strong className="nhsuk-tag nhsuk-tag--blue" data-testid="recorded-here">
                            {content.vaccinationPages.recordedHereTag}
                          </strong>
                          <span className="nhsuk-body-s nhsuk-u-display-block" data-testid="recorded-here-by">
                            {content.vaccinationPages.recordedHere(
                              vaccination.recorder ?? text.notRecorded,
                              vaccination.recorded ? formatDateTimeWithTime(vaccination.recorded) || vaccination.recorded : text.notRecorded,
                            )}
                          </span>
                          {canRecord ? <ChangeButtons patientRef={ref} recordId={vaccination.id} /> : null}
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {shown.some((vaccination) => vaccination.vaccineType) ? (
            <section aria-labelledby="vaccination-information-heading" data-testid="vaccines-information">
              <h3 className="nhsuk-heading-s" id="vaccination-information-heading">
                {content.nhsWebsite.aboutTheseVaccines}
              </h3>
              {[...new Set(shown.flatMap((vaccination) => (vaccination.vaccineType ? [vaccination.vaccineType] : [])))].map((type) => (
                <Suspense key={type} fallback={null}>
                  <VaccinationInformation vaccineType={type} name={text.typeNames[type]} />
                </Suspense>
              ))}
              <SendToNhsAppLink patientRef={ref} />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
