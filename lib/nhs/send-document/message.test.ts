import { describe, expect, it } from "vitest";
import { gpProviderAddress, sendDocumentBundle, sendDocumentSubject, type SendDocumentMessage } from "./message";

const message: SendDocumentMessage = {
  messageHeaderId: "6a7b8c9d-0000-4000-8000-000000000001",
  bundleId: "6a7b8c9d-0000-4000-8000-000000000002",
  taskId: "6a7b8c9d-0000-4000-8000-000000000003",
  patient: { nhsNumber: "9693632109", family: "Garton", given: ["Bill"], birthDate: "1955-11-05", gender: "male" },
  practice: { odsCode: "A20047", name: "Ancholme Valley Medical Practice" },
  sender: {
    odsCode: "Y23456",
    organisationName: "Boar Lane Pharmacy",
    practitionerName: "Alex Example",
    sdsRoleProfileId: "555254240101",
    mailboxId: "X26CRV01",
  },
  writtenAt: "2026-11-29T10:15:00.000Z",
  title: "Consultation summary",
  pdf: Buffer.from("%PDF-1.7 test"),
};

describe("GP Connect Send Document", () => {
  it("addresses the registered practice by GPPROVIDER with the date of birth as YYYYMMDD", () => {
    expect(gpProviderAddress(message.patient)).toBe("GPPROVIDER_9693632109_19551105_GARTON");
  });

  it("has the subject GPCM-SD-064 asks for, in printable ASCII", () => {
    expect(sendDocumentSubject(message)).toBe("Consultation report for Bill GARTON, NHS Number 9693632109, seen at Boar Lane Pharmacy, ODS Code Y23456");
    expect(sendDocumentSubject({ ...message, patient: { ...message.patient, given: ["Zoë"] } })).toMatch(/^Consultation report for Zo GARTON/);
  });

  it("is an ITK3 message asking for both acknowledgements, whose payload carries the PDF in the Task", () => {
    const bundle = sendDocumentBundle(message) as { type: string; entry: Array<{ resource: Record<string, unknown> }> };
    expect(bundle.type).toBe("message");
    const header = bundle.entry[0]!.resource as { id: string; extension: Array<{ extension: Array<{ url: string; valueBoolean?: boolean }> }> };
    expect(header.id).toBe(message.messageHeaderId);
    expect(header.extension[0]!.extension.filter((key) => key.valueBoolean).map((key) => key.url)).toEqual(["BusAckRequested", "InfAckRequested"]);
    const payload = bundle.entry[1]!.resource as {
      entry: Array<{ resource: { resourceType: string; input?: Array<{ valueAttachment: { data: string; contentType: string } }> } }>;
    };
    expect(payload.entry.map((entry) => entry.resource.resourceType)).toEqual(["Task", "Patient", "Organization", "Organization", "Practitioner"]);
    const attachment = payload.entry[0]!.resource.input![0]!.valueAttachment;
    expect(attachment.contentType).toBe("application/pdf");
    expect(Buffer.from(attachment.data, "base64").toString()).toBe("%PDF-1.7 test");
  });
});
