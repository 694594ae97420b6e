import type { Metadata } from "next";
import Link from "@/components/NoPrefetchLink";
import { redirect } from "next/navigation";
import { FailureCallout } from "@/components/FailureCallout";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { formatFhirDate, formatFhirDateTime, formatGender, formatNhsNumber, formatPatientName } from "@/lib/format";
import { describeFailure } from "@/lib/features/failure-message";
import type { PatientRecord } from "@/lib/nhs/pds/client";
import { organisationNames } from "@/lib/features/record/organisations";
import { referencesFor } from "@/lib/features/record/patient-context";
import { validateAdvancedSearch, validateBasicSearch } from "@/lib/features/search/search-forms";
import { searchPatientsAudited } from "@/lib/features/search/search-patients";
import { paths } from "@/lib/routes";
import { Table, TableScroll } from "@/components/Table";

export const metadata: Metadata = { title: content.pageTitle(content.findPatient.results.title) };

const text = content.findPatient.results;

function address(patient: PatientRecord): string {
  if (patient.restricted) return text.restricted;
  if (!patient.homeAddress) return content.patient.notKnown;
  return [...patient.homeAddress.lines, patient.homeAddress.postalCode].filter(Boolean).join(", ");
}

/** Runs the search kept in the session, fresh each time, so Back from a record shows current results. */
export default async function SearchResultsPage() {
  const { session, role } = await requireActingRole();
  if (!canUse("find-patient", role, session.assurance.authenticationLevel)) redirect(paths.findPatient());
  const search = session.lastSearch;
  if (!search) redirect(paths.findByDetails());
  const validated = search.kind === "advanced" ? validateAdvancedSearch(search.form) : validateBasicSearch(search.form);
  if (validated.kind === "invalid") redirect(search.kind === "advanced" ? paths.findAdvanced() : paths.findByDetails());
  const changeSearch = search.kind === "advanced" ? paths.findAdvanced() : paths.findByDetails();

  const outcome = await searchPatientsAudited(session, role, validated.criteria);
  const searchedFor = (
    <p data-testid="searched-for">
      {content.findPatient.searchedFor}: {validated.summary.join(", ")}. <Link href={changeSearch}>{content.findPatient.changeSearch}</Link>
    </p>
  );

  switch (outcome.kind) {
    case "matches": {
      const references = await referencesFor(
        session.id,
        outcome.matches.map(({ patient }) => patient.nhsNumber),
      );
      const practices = await organisationNames(
        outcome.matches.map(({ patient }) => patient.gpOdsCode),
        role,
        session,
      );
      return (
        <>
          <h1>{text.title}</h1>
          {searchedFor}
          <p className="nhsuk-body-l" data-testid="result-count">
            {text.count(outcome.matches.length)}
          </p>
          <TableScroll label={text.caption}>
            <Table
              caption={text.caption}
              headings={[text.name, text.nhsNumber, text.born, text.gender, text.address, text.gp, text.match]}
              testId="search-results"
            >
              {outcome.matches.map(({ patient, score }) => (
                <tr key={patient.nhsNumber} className="nhsuk-table__row" data-testid="search-result">
                  <td className="nhsuk-table__cell">
                    <Link href={paths.record(references[patient.nhsNumber])}>{formatPatientName(patient.name) ?? content.patient.nameNotKnown}</Link>
                    {patient.deceased ? (
                      <>
                        <br />
                        <strong className="nhsuk-tag nhsuk-tag--grey">
                          {text.deceased} {formatFhirDateTime(patient.deceased.dateTime)}
                        </strong>
                      </>
                    ) : null}
                    {patient.restricted ? (
                      <>
                        <br />
                        <strong className="nhsuk-tag nhsuk-tag--orange">{text.restricted}</strong>
                      </>
                    ) : null}
                  </td>
                  <td className="nhsuk-table__cell nhsuk-u-nowrap">{formatNhsNumber(patient.nhsNumber)}</td>
                  <td className="nhsuk-table__cell">{formatFhirDate(patient.birthDate) ?? content.patient.notKnown}</td>
                  <td className="nhsuk-table__cell">{formatGender(patient.gender) ?? content.patient.notKnown}</td>
                  <td className="nhsuk-table__cell">{address(patient)}</td>
                  <td className="nhsuk-table__cell">
                    {patient.restricted
                      ? text.restricted
                      : patient.gpOdsCode
                        ? (practices.get(patient.gpOdsCode)?.label ?? patient.gpOdsCode)
                        : content.patient.notKnown}
                  </td>
                  <td className="nhsuk-table__cell">{score === null || score >= 1 ? text.matchExact : text.matchPercent(score)}</td>
                </tr>
              ))}
            </Table>
          </TableScroll>
        </>
      );
    }
    case "no-matches":
      return (
        <>
          <h1>{text.noneTitle}</h1>
          {searchedFor}
          <ul data-testid="search-advice">
            {text.noneAdvice.map((advice) => (
              <li key={advice}>{advice}</li>
            ))}
          </ul>
        </>
      );
    case "too-many":
      return (
        <>
          <h1>{text.tooManyTitle}</h1>
          {searchedFor}
          <p>{text.tooManyBody}</p>
          <ul data-testid="search-advice">
            {text.tooManyAdvice.map((advice) => (
              <li key={advice}>{advice}</li>
            ))}
          </ul>
        </>
      );
    case "rejected":
      return (
        <>
          <h1>{text.rejectedTitle}</h1>
          {searchedFor}
          <p data-testid="search-rejected">{text.rejectedBody(outcome.code)}</p>
        </>
      );
    case "failed":
      return (
        <>
          <h1>{text.title}</h1>
          {searchedFor}
          <FailureCallout failure={describeFailure(outcome.failure)} />
        </>
      );
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}
