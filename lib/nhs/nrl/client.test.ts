import { describe, expect, it } from "vitest";
import { standInClient, gp, pharmacy } from "../testing/stand-in-client";
import { NrlClient } from "./client";

const { nhs, baseUrl, origin, fetch } = standInClient();

describe("NRL client", () => {
  const client = () => new NrlClient(nhs(), baseUrl("nrl"), { origins: [origin], timeoutMs: 2000, maxBytes: 20 * 1024 * 1024, fetchImpl: fetch });

  it("lists pointers with type, custodian and subject; a refused organisation is not-permitted, not empty", async () => {
    const found = await client().pointers("9000000009", gp);
    if (found.kind !== "found") throw new Error(found.kind);
    expect(found.pointers.map((pointer) => pointer.type)).toContain("End of life care coordination summary");
    expect(found.pointers.every((pointer) => pointer.subjectNhsNumber === "9000000009")).toBe(true);
    expect((await client().pointers("9000000009", pharmacy)).kind).toBe("not-permitted");
  });

  it("fetches PDF and structured content, and refuses an origin the deployment does not trust", async () => {
    const found = await client().pointers("9000000009", gp);
    if (found.kind !== "found") throw new Error(found.kind);
    const pdf = found.pointers.find((pointer) => pointer.contentType === "application/pdf")!;
    const structured = found.pointers.find((pointer) => pointer.contentType === "application/fhir+json")!;
    const pdfContent = await client().content(pdf, gp, "r");
    expect(pdfContent.kind === "found" && pdfContent.content.kind).toBe("pdf");
    const structuredContent = await client().content(structured, gp, "r");
    expect(
      structuredContent.kind === "found" &&
        structuredContent.content.kind === "structured" &&
        structuredContent.content.sections.map((section) => section.text),
    ).toContain("Home");
    const elsewhere = await client().content({ ...pdf, url: "https://attacker.example/steal" }, gp, "r");
    expect(elsewhere).toEqual({ kind: "origin-not-allowed", origin: "https://attacker.example" });
  });

  it("refuses a document larger than the cap, or of a type it does not show, without buffering it (issue 18 item 13)", async () => {
    const found = await client().pointers("9000000009", gp);
    if (found.kind !== "found") throw new Error(found.kind);
    const pdf = found.pointers.find((pointer) => pointer.contentType === "application/pdf")!;
    const answering = (response: () => Response) =>
      new NrlClient(nhs(), baseUrl("nrl"), { origins: [origin], timeoutMs: 2000, maxBytes: 1024, fetchImpl: (async () => response()) as typeof fetch });
    const huge = () => new Response(new Uint8Array(4096).fill(37), { headers: { "content-type": "application/pdf" } });
    expect(await answering(huge).content(pdf, gp, "r")).toEqual({ kind: "too-large", limitBytes: 1024 });
    const declared = () => new Response("%PDF-", { headers: { "content-type": "application/pdf", "content-length": "999999999" } });
    expect(await answering(declared).content(pdf, gp, "r")).toEqual({ kind: "too-large", limitBytes: 1024 });
    const html = () => new Response("<script>alert(1)</script>", { headers: { "content-type": "text/html" } });
    expect(await answering(html).content(pdf, gp, "r")).toEqual({ kind: "unsupported", contentType: "text/html" });
  });
});
