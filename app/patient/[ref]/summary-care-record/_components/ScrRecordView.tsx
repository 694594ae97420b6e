import * as content from "@/lib/content";
import { formatDateTimeWithTime, formatFhirDate } from "@/lib/format";
import type { ScrConsent, ScrMedicationRow, ScrView } from "@/lib/nhs/scr/client";
import { Table, TableScroll } from "@/components/Table";

const text = content.scr;

function RowsTable({ caption, headings, rows, testId }: { caption: string; headings: string[]; rows: React.ReactNode[][]; testId: string }) {
  return (
    <TableScroll label={caption}>
      <Table caption={caption} captionStyle="heading" headings={headings} testId={testId}>
        {rows.map((cells, index) => (
          <tr key={index} className="nhsuk-table__row">
            {cells.map((cell, cellIndex) => (
              <td key={cellIndex} className="nhsuk-table__cell">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </Table>
    </TableScroll>
  );
}

function medicationRows(rows: ScrMedicationRow[]) {
  return rows.map((row) => [text.medicationKinds[row.kind], row.name, row.dosage, row.quantity, formatFhirDate(row.date) ?? row.date]);
}

/** The SCR as a clinician reads it: allergies first, then current and past medication, each with its source and date. */
export function ScrRecordView({ scr, consent, retrievedAt }: { scr: ScrView; consent: ScrConsent | null; retrievedAt: Date }) {
  const current = scr.medications.filter((row) => row.kind !== "discontinued");
  const past = scr.medications.filter((row) => row.kind === "discontinued");
  const practice = scr.practice ? `${scr.practice.name}${scr.practice.odsCode ? ` (${scr.practice.odsCode})` : ""}` : content.patient.notKnown;
  const medicationHeadings = [
    text.medicationHeadings.type,
    text.medicationHeadings.name,
    text.medicationHeadings.dosage,
    text.medicationHeadings.quantity,
    text.medicationHeadings.date,
  ];
  return (
    <div data-testid="scr-record">
      <p className="app-source-note" data-testid="scr-provenance">
        {text.source(practice)}. {scr.lastUpdated ? text.lastUpdated(formatDateTimeWithTime(scr.lastUpdated)) : null}.{" "}
        {content.patient.source("SCR", formatDateTimeWithTime(retrievedAt))}.
      </p>
      {consent ? (
        <p className="nhsuk-body-s" data-testid="scr-consent">
          {text.consent[consent]}
        </p>
      ) : null}
      {scr.allergies.length ? (
        <RowsTable
          caption={text.allergies}
          testId="scr-allergies"
          headings={[text.allergyHeadings.description, text.allergyHeadings.severity, text.allergyHeadings.certainty, text.allergyHeadings.date]}
          rows={scr.allergies.map((row) => [row.description, row.severity, row.certainty, formatFhirDate(row.date) ?? row.date])}
        />
      ) : (
        <>
          <h3 className="nhsuk-heading-m">{text.allergies}</h3>
          <p data-testid="scr-allergies">{text.noAllergies}</p>
        </>
      )}
      {current.length ? (
        <RowsTable caption={text.currentMedications} testId="scr-current-medications" headings={medicationHeadings} rows={medicationRows(current)} />
      ) : (
        <>
          <h3 className="nhsuk-heading-m">{text.currentMedications}</h3>
          <p data-testid="scr-current-medications">{text.noMedications}</p>
        </>
      )}
      {past.length ? (
        <RowsTable caption={text.pastMedications} testId="scr-past-medications" headings={medicationHeadings} rows={medicationRows(past)} />
      ) : null}
      {scr.additional.map((section) => (
        <RowsTable
          key={section.title}
          caption={`${text.additional}: ${section.title}`}
          testId="scr-additional"
          headings={section.headings}
          rows={section.rows.map((row) => row.map((cell) => (/^\d{4}-\d{2}-\d{2}$/.test(cell) ? (formatFhirDate(cell) ?? cell) : cell)))}
        />
      ))}
    </div>
  );
}
