import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { gpSummary as content } from "@/lib/content/gp-summary";
import { formatDateTimeWithTime, formatFhirDate, formatNhsNumber, formatPatientName } from "@/lib/format";
import type { GpSummaryValues } from "./gp-summary-form";

export interface SummaryPdfFacts {
  patient: { nhsNumber: string; family: string; given: string[]; birthDate: string };
  practice: { odsCode: string; name: string };
  sender: { practitionerName: string; organisationName: string; odsCode: string };
  writtenAt: string;
  consultation: GpSummaryValues;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const BODY_SIZE = 11;
const LINE = 15;

/**
 * The consultation summary as a PDF (pdf-lib, the standard Helvetica fonts). The same facts always make the same
 * bytes: its dates are the consultation's and nothing random goes in, so the preview is exactly what is sent.
 */
export async function summaryPdf(facts: SummaryPdfFacts): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const written = new Date(facts.writtenAt);
  document.setTitle(content.pdf.heading);
  document.setCreator("Care Record Viewer");
  document.setProducer("pdf-lib");
  document.setCreationDate(written);
  document.setModificationDate(written);
  const regular = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  const encodable = new Set(regular.getCharacterSet());
  // Helvetica carries WinAnsi only: anything else is shown as "?" rather than failing the send
  const printable = (value: string) =>
    [...value].map((character) => (character === "\t" ? "    " : encodable.has(character.codePointAt(0)!) ? character : "?")).join("");

  let page: PDFPage = document.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  const width = A4.width - 2 * MARGIN;
  const newPageIfNeeded = (height: number) => {
    if (y - height >= MARGIN) return;
    page = document.addPage([A4.width, A4.height]);
    y = A4.height - MARGIN;
  };
  const wrap = (value: string, font: PDFFont, size: number): string[] =>
    printable(value)
      .split(/\r?\n/)
      .flatMap((paragraph) => {
        const lines: string[] = [];
        let current = "";
        for (const word of paragraph.split(" ")) {
          const candidate = current ? `${current} ${word}` : word;
          if (font.widthOfTextAtSize(candidate, size) <= width) {
            current = candidate;
            continue;
          }
          if (current) lines.push(current);
          // a word wider than the page is broken across lines
          let rest = word;
          while (font.widthOfTextAtSize(rest, size) > width) {
            let cut = rest.length - 1;
            while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
            lines.push(rest.slice(0, cut));
            rest = rest.slice(cut);
          }
          current = rest;
        }
        lines.push(current);
        return lines;
      });
  const write = (value: string, font: PDFFont = regular, size = BODY_SIZE) => {
    for (const line of wrap(value, font, size)) {
      newPageIfNeeded(size + 4);
      y -= size + 4;
      page.drawText(line, { x: MARGIN, y, size, font, color: rgb(0.05, 0.05, 0.05) });
    }
  };
  const gap = (points = 8) => {
    y -= points;
  };

  write(content.pdf.heading, bold, 18);
  gap();
  const name = formatPatientName({ family: facts.patient.family, given: facts.patient.given }) ?? facts.patient.family;
  const banner: Array<[string, string]> = [
    [content.pdf.patient, name],
    [content.pdf.nhsNumber, formatNhsNumber(facts.patient.nhsNumber)],
    [content.pdf.born, formatFhirDate(facts.patient.birthDate) ?? facts.patient.birthDate],
    [content.pdf.registeredPractice, `${facts.practice.name} (${facts.practice.odsCode})`],
    [content.pdf.seenBy, facts.sender.practitionerName],
    [content.pdf.organisation, `${facts.sender.organisationName} (${facts.sender.odsCode})`],
    [content.pdf.written, formatDateTimeWithTime(written)],
  ];
  for (const [label, value] of banner) write(`${label}: ${value}`);
  gap(LINE);
  for (const field of ["reason", "findings", "actions", "advice", "followUp"] as const) {
    const value = facts.consultation[field];
    if (!value) continue;
    write(content.labels[field], bold, 12);
    write(value);
    gap();
  }
  gap(LINE);
  write(content.pdf.footer, regular, 8);
  return document.save({ useObjectStreams: false });
}
