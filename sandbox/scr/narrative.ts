import { escapeHtml } from "../common/html";
import type { Allergy, ScrMedication, ScrRecord } from "../world/clinical";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Spine writes SCR dates as 12-May-2020. */
export function spineDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-");
  return `${day}-${MONTHS[Number(month) - 1]}-${year}`;
}

function table(id: string, summary: string, headings: string[], rows: string[][]): string {
  const body = rows.length
    ? rows.map((cells, index) => `<tr${index % 2 === 0 ? ' class="oddRow"' : ""}>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("")
    : `<tr><td colspan="${headings.length}">No relevant information available for this category.</td></tr>`;
  return `<div xmlns="http://www.w3.org/1999/xhtml"><table summary="${escapeHtml(summary)}" id="${id}"><thead><tr>${headings
    .map((heading) => `<th>${escapeHtml(heading)}</th>`)
    .join("")}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const MEDICATION_HEADINGS = ["Type", "Date", "Medication Item", "Dosage Instructions", "Quantity"];

function medicationRows(medications: ScrMedication[], kind: ScrMedication["kind"]) {
  const label = {
    acute: ["Acute Medication", "Prescribed"],
    repeat: ["Repeat Medication", "Last Issued"],
    discontinued: ["Discontinued Repeat Medication", "Discontinued"],
  }[kind];
  return medications
    .filter((medication) => medication.kind === kind)
    .map((medication) => [label[0], `${label[1]}: ${spineDate(medication.date)}`, medication.name, medication.dosage, medication.quantity]);
}

function allergyRows(allergies: Allergy[]) {
  return allergies.map((allergy) => [
    spineDate(allergy.recorded),
    `${allergy.agent}: ${allergy.reaction}`,
    allergy.certainty === "confirmed" ? "Confirmed" : "Suspected",
    allergy.severity[0].toUpperCase() + allergy.severity.slice(1),
    "Problem",
  ]);
}

export interface ScrSection {
  title: string;
  code: string;
  div: string;
}

/** The SCR's sections as Spine renders them: XHTML tables in the Composition's narrative. */
export function scrSections(record: ScrRecord, practiceName: string): ScrSection[] {
  const sections: ScrSection[] = [
    {
      title: "General Practice Summary",
      code: "Title",
      div: `<div xmlns="http://www.w3.org/1999/xhtml"><h3 id="Disclaimer">Sourced from the patient's General Practice record. This summary may not include all the information pertinent to this patient.</h3><p id="CreateTime">Summary Created: ${spineDate(record.lastUpdated)}</p><p id="Author">Created by: ${escapeHtml(`${record.author.family}, ${record.author.given} (${record.author.prefix})`)}</p><p id="Practice">${escapeHtml(practiceName)}</p></div>`,
    },
    {
      title: "Allergies and Adverse Reactions",
      code: "AllergiesHeader",
      div: table(
        "Allergies",
        "This table includes information about this patient's allergies and adverse reactions.",
        ["Date", "Description", "Certainty", "Severity", "Supporting Information"],
        allergyRows(record.allergies),
      ),
    },
    {
      title: "Acute Medications",
      code: "AcuteMedsHeader",
      div: table(
        "AcuteMeds",
        "This table includes information about this patient's acute medications.",
        MEDICATION_HEADINGS,
        medicationRows(record.medications, "acute"),
      ),
    },
    {
      title: "Current Repeat Medications",
      code: "RepeatMedsHeader",
      div: table(
        "RepeatMeds",
        "This table includes information about this patient's current repeat medications.",
        MEDICATION_HEADINGS,
        medicationRows(record.medications, "repeat"),
      ),
    },
    {
      title: "Discontinued Repeat Medications",
      code: "DiscRepeatMedsHeader",
      div: table(
        "DiscRepeatMeds",
        "This table includes information about this patient's discontinued repeat medications.",
        MEDICATION_HEADINGS,
        medicationRows(record.medications, "discontinued"),
      ),
    },
  ];
  const extraSections = [...new Set(record.additionalInformation.map((entry) => entry.section))];
  for (const section of extraSections) {
    const code = `${section.replace(/[^A-Za-z]/g, "")}Header`;
    const rows = record.additionalInformation.filter((entry) => entry.section === section).map((entry) => [spineDate(entry.date), entry.description, ""]);
    sections.push({
      title: section,
      code,
      div: table(code.replace(/Header$/, ""), `This table includes ${section.toLowerCase()}.`, ["Date", "Description", "Additional information"], rows),
    });
  }
  return sections;
}
