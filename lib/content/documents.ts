/** Text for shared documents from the National Record Locator. Part of the content module (index.ts). */

export const documents = {
  title: "Shared documents",
  notPermitted:
    "Your selected role cannot see shared documents. You need a clinical role with View Patient Medication, signed in with a smartcard or equivalent.",
  none: "The National Record Locator has no documents for this patient that your organisation can see.",
  refused: (organisation: string) =>
    `The National Record Locator does not let ${organisation} see documents of this kind. Each organisation is allowed only the document types agreed for it; ask your organisation's NRL lead if you need others.`,
  caption: "Shared documents, newest first",
  headings: { type: "Document", custodian: "Held by", date: "Date", status: "Status" },
  open: (title: string) => `Open ${title}`,
  statuses: { current: "Current", superseded: "Superseded", "entered-in-error": "Entered in error" } as Record<string, string>,
  back: "Back to shared documents",
  unknownDocument: "This document is no longer in the list for this patient. Go back to the shared documents and open it again.",
  originNotAllowed: (origin: string) =>
    `This document is held at ${origin}, which this service is not set up to fetch from. Contact the organisation that holds it.`,
  unsupported: (type: string) => `This document is in a format this service cannot show (${type}). Contact the organisation that holds it.`,
  tooLarge: (megabytes: number) =>
    `This document is larger than this service opens (${megabytes} MB), so it was not fetched. Contact the organisation that holds it for a copy.`,
  fetchFailed: "The document could not be fetched from the organisation that holds it. Try again in a few minutes.",
  pdfIntro: "This document is a PDF. It opens in your browser's PDF viewer.",
  openPdf: "Open the PDF",
  heldBy: (name: string) => `Held by ${name}`,
} as const;
