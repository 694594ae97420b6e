import type { Metadata } from "next";
import { SummaryList, SummaryRow } from "@/components/SummaryList";
import { WarningCallout } from "@/components/WarningCallout";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import * as content from "@/lib/content";
import { loadGpRecordSummary } from "@/lib/features/gp-record/load-gp-record";
import { confirmedPatientPage } from "@/lib/features/record/load-patient";
import { organisationNames } from "@/lib/features/record/organisations";
import { formatDateTimeWithTime } from "@/lib/format";
import { LATEST_CONSULTATIONS } from "@/lib/nhs/gpconnect/client";
import { paths } from "@/lib/routes";
import { byOf, ConsultationList, dateOf, EmptyOr, GpRecordNotShown, MismatchBanner, Table, termOf } from "./_components/GpRecordParts";

const text = content.gpRecord;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

export default async function GpRecordPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const result = await loadGpRecordSummary(ref);
  const confirmed = await confirmedPatientPage(ref);
  const practiceOds = "practiceOds" in result ? result.practiceOds : null;
  const names = confirmed && practiceOds ? await organisationNames([practiceOds], confirmed.role, confirmed.session) : null;
  // the practice's own name for itself when it answered; ODS's otherwise
  const recordPractice = result.kind === "answered" && result.outcome.kind === "found" ? result.outcome.record.practice.name : null;
  const practiceLabel = practiceOds ? `${recordPractice ?? names?.get(practiceOds)?.label ?? practiceOds} (${practiceOds})` : null;

  const header = (
    <>
      <h2 className="nhsuk-heading-m">{text.title}</h2>
      {practiceLabel ? (
        <SummaryList testId="gp-record-header">
          <SummaryRow label={text.practice} testId="gp-record-practice">
            {practiceLabel}
          </SummaryRow>
          {result.kind === "answered" && result.outcome.kind === "found" ? (
            <SummaryRow label={text.retrieved} testId="gp-record-retrieved">
              {formatDateTimeWithTime(result.outcome.retrievedAt)}
              <br />
              <span className="nhsuk-body-s">{text.source}</span>
            </SummaryRow>
          ) : null}
        </SummaryList>
      ) : null}
    </>
  );
  if (result.kind !== "answered" || result.outcome.kind !== "found")
    return (
      <>
        {header}
        <GpRecordNotShown result={result} practiceName={practiceOds ? (names?.get(practiceOds)?.label ?? null) : null} />
      </>
    );

  const record = result.outcome.record;
  const pds = confirmed?.patient;
  const current = record.medications.filter((medication) => medication.current);
  const past = record.medications.filter((medication) => !medication.current);
  const activeAllergies = record.allergies.filter((allergy) => !allergy.resolved);
  const endedAllergies = record.allergies.filter((allergy) => allergy.resolved);
  const activeProblems = record.problems.filter((problem) => problem.active);

  const medicationRows = (items: typeof current) =>
    items.map((medication) => (
      <tr key={medication.id} className="nhsuk-table__row" data-testid="gp-medication">
        <td className="nhsuk-table__cell">
          <strong>{termOf(medication.name)}</strong>
          {medication.prescriptionType ? (
            <>
              <br />
              <span className="nhsuk-body-s">{medication.prescriptionType}</span>
            </>
          ) : null}
          {medication.endDate && !medication.current ? (
            <>
              <br />
              <span className="nhsuk-body-s">{text.stopped(dateOf(medication.endDate))}</span>
            </>
          ) : null}
        </td>
        <td className="nhsuk-table__cell">{[medication.dosage, medication.quantity].filter(Boolean).join(". ") || text.notRecorded}</td>
        <td className="nhsuk-table__cell" data-testid="gp-medication-last-issued">
          {dateOf(medication.lastIssued)}
        </td>
        <td className="nhsuk-table__cell">{text.issueCount(medication.issues)}</td>
        <td className="nhsuk-table__cell">{dateOf(medication.startDate)}</td>
        <td className="nhsuk-table__cell">{byOf(medication)}</td>
      </tr>
    ));

  return (
    <>
      {header}
      <MismatchBanner fields={result.mismatch} pds={pds ?? null} practice={record.patient} />
      {record.warnings.length ? (
        <WarningCallout heading={text.warningsHeading} testId="gp-record-warnings">
          {record.warnings.map((warning) => (
            <p key={warning.code + warning.text} data-testid="gp-record-warning">
              {warning.text}
            </p>
          ))}
        </WarningCallout>
      ) : null}
      {record.unreadable ? (
        <WarningCallout heading={text.outcomes.malformed.heading} testId="gp-record-unreadable">
          <p>{text.unreadable(record.unreadable)}</p>
        </WarningCallout>
      ) : null}

      <nav aria-label={text.title} className="nhsuk-contents-list">
        <ol className="nhsuk-contents-list__list">
          {(Object.keys(text.sections) as Array<keyof typeof text.sections>).map((section) => (
            <li key={section} className="nhsuk-contents-list__item">
              <a className="nhsuk-contents-list__link" href={`#gp-${section}`}>
                {text.sections[section]}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <h3 className="nhsuk-heading-s" id="gp-summary">
        {text.sections.summary}
      </h3>
      <ul className="nhsuk-list nhsuk-list--bullet" data-testid="gp-summary">
        <li>{text.summary.currentMedications(current.length)}</li>
        <li>{text.summary.activeAllergies(activeAllergies.length)}</li>
        <li>{text.summary.activeProblems(activeProblems.length)}</li>
        {record.consultations[0] ? (
          <li>
            {text.summary.lastConsultation}: {dateOf(record.consultations[0].date)}
          </li>
        ) : null}
      </ul>

      <h3 className="nhsuk-heading-s" id="gp-medications">
        {text.sections.medications}
      </h3>
      <EmptyOr items={record.medications} none={text.none.medications}>
        {current.length ? (
          <Table caption={text.current} captionStyle="shown" headings={text.headings.medication} testId="gp-medications-current">
            {medicationRows(current)}
          </Table>
        ) : null}
        {past.length ? (
          <Table caption={text.past} captionStyle="shown" headings={text.headings.medication} testId="gp-medications-past">
            {medicationRows(past)}
          </Table>
        ) : null}
      </EmptyOr>

      <h3 className="nhsuk-heading-s" id="gp-allergies">
        {text.sections.allergies}
      </h3>
      <EmptyOr items={record.allergies} none={text.none.allergies}>
        <Table caption={text.sections.allergies} headings={text.headings.allergy} testId="gp-allergies">
          {[...activeAllergies, ...endedAllergies].map((allergy) => (
            <tr key={allergy.id} className="nhsuk-table__row" data-testid="gp-allergy">
              <td className="nhsuk-table__cell">
                <strong>{termOf(allergy.substance)}</strong>
              </td>
              <td className="nhsuk-table__cell">{[allergy.reaction, allergy.severity].filter(Boolean).join(", ") || text.notRecorded}</td>
              <td className="nhsuk-table__cell">{dateOf(allergy.date)}</td>
              <td className="nhsuk-table__cell">
                {allergy.resolved ? (
                  <>
                    <strong className="nhsuk-tag nhsuk-tag--grey">{text.resolved}</strong>
                    {allergy.endDate ? <span className="nhsuk-body-s nhsuk-u-display-block">{text.ended(dateOf(allergy.endDate))}</span> : null}
                    {allergy.endReason ? <span className="nhsuk-body-s nhsuk-u-display-block">{allergy.endReason}</span> : null}
                  </>
                ) : (
                  <strong className="nhsuk-tag nhsuk-tag--red">{text.active}</strong>
                )}
              </td>
              <td className="nhsuk-table__cell">{byOf(allergy)}</td>
            </tr>
          ))}
        </Table>
      </EmptyOr>

      <h3 className="nhsuk-heading-s" id="gp-problems">
        {text.sections.problems}
      </h3>
      <EmptyOr items={record.problems} none={text.none.problems}>
        <Table caption={text.sections.problems} headings={text.headings.problem} testId="gp-problems">
          {record.problems.map((problem) => (
            <tr key={problem.id} className="nhsuk-table__row" data-testid="gp-problem">
              <td className="nhsuk-table__cell">
                <strong>{termOf(problem.name)}</strong>
              </td>
              <td className="nhsuk-table__cell">
                {[problem.active ? text.active : text.inactive, problem.significance === "major" ? text.significant : problem.significance ? text.minor : null]
                  .filter(Boolean)
                  .join(", ")}
                {problem.ended ? <span className="nhsuk-body-s nhsuk-u-display-block">{text.ended(dateOf(problem.ended))}</span> : null}
              </td>
              <td className="nhsuk-table__cell">{dateOf(problem.onset)}</td>
              <td className="nhsuk-table__cell">{byOf(problem)}</td>
            </tr>
          ))}
        </Table>
      </EmptyOr>

      <h3 className="nhsuk-heading-s" id="gp-immunisations">
        {text.sections.immunisations}
      </h3>
      <EmptyOr items={record.immunisations} none={text.none.immunisations}>
        <Table caption={text.sections.immunisations} headings={text.headings.immunisation} testId="gp-immunisations">
          {record.immunisations.map((immunisation) => (
            <tr key={immunisation.id} className="nhsuk-table__row" data-testid="gp-immunisation">
              <td className="nhsuk-table__cell">{termOf(immunisation.vaccine)}</td>
              <td className="nhsuk-table__cell">{dateOf(immunisation.date)}</td>
              <td className="nhsuk-table__cell">{byOf(immunisation)}</td>
            </tr>
          ))}
        </Table>
      </EmptyOr>

      <h3 className="nhsuk-heading-s" id="gp-consultations">
        {text.sections.consultations}
      </h3>
      {record.consultations.length ? <p className="nhsuk-body-s">{text.consultationsLatest(record.consultations.length)}</p> : null}
      <ConsultationList consultations={record.consultations} />
      {record.consultations.length >= LATEST_CONSULTATIONS ? (
        <p>
          <a href={paths.gpConsultations(ref)} data-testid="gp-all-consultations">
            {text.showAllConsultations}
          </a>
        </p>
      ) : null}

      <h3 className="nhsuk-heading-s" id="gp-investigations">
        {text.sections.investigations}
      </h3>
      <EmptyOr items={record.investigations} none={text.none.investigations}>
        <Table caption={text.sections.investigations} headings={text.headings.investigation} testId="gp-investigations">
          {record.investigations.map((investigation) => (
            <tr key={investigation.id} className="nhsuk-table__row" data-testid="gp-investigation">
              <td className="nhsuk-table__cell">
                <strong>{termOf(investigation.name)}</strong>
              </td>
              <td className="nhsuk-table__cell">{dateOf(investigation.date)}</td>
              <td className="nhsuk-table__cell">
                <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                  {investigation.results.map((item) => (
                    <li key={item.name}>{[item.name, item.value].filter(Boolean).join(": ")}</li>
                  ))}
                </ul>
              </td>
              <td className="nhsuk-table__cell">{byOf(investigation)}</td>
            </tr>
          ))}
        </Table>
      </EmptyOr>

      <h3 className="nhsuk-heading-s" id="gp-referrals">
        {text.sections.referrals}
      </h3>
      <EmptyOr items={record.referrals} none={text.none.referrals}>
        <Table caption={text.sections.referrals} headings={text.headings.referral} testId="gp-referrals">
          {record.referrals.map((referral) => (
            <tr key={referral.id} className="nhsuk-table__row" data-testid="gp-referral">
              <td className="nhsuk-table__cell">{referral.to ?? text.notRecorded}</td>
              <td className="nhsuk-table__cell">{referral.reason ?? text.notRecorded}</td>
              <td className="nhsuk-table__cell">{dateOf(referral.date)}</td>
              <td className="nhsuk-table__cell">{referral.priority ?? text.notRecorded}</td>
              <td className="nhsuk-table__cell">{byOf(referral)}</td>
            </tr>
          ))}
        </Table>
      </EmptyOr>
    </>
  );
}
