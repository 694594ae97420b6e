import "server-only";
import { parse as parseHtml } from "node-html-parser";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { readBounded, type DocumentFetchSettings } from "../transport/bounded-body";
import { withDeadline } from "../transport/deadline";
import { outsideRequest } from "../transport/outside-request";
import { bundleOf, coding, identifier } from "../fhir/datatypes";

const documentReferenceSchema = z
  .object({
    resourceType: z.literal("DocumentReference"),
    id: z.string(),
    status: z.string(),
    type: z.object({ coding: z.array(coding).optional() }).optional(),
    date: z.string().optional(),
    description: z.string().optional(),
    subject: z.object({ identifier: identifier.optional() }).optional(),
    custodian: z.object({ display: z.string().optional(), identifier: identifier.optional() }).optional(),
    content: z
      .array(z.object({ attachment: z.object({ contentType: z.string().optional(), url: z.string().optional(), title: z.string().optional() }) }))
      .min(1),
  })
  .loose();
const bundleSchema = bundleOf(documentReferenceSchema);

export interface DocumentPointer {
  id: string;
  subjectNhsNumber: string | null;
  type: string;
  title: string;
  custodian: { name: string | null; odsCode: string | null };
  date: string | null;
  status: string;
  contentType: string | null;
  url: string | null;
}

export type DocumentPointerOutcome =
  | { kind: "found"; pointers: DocumentPointer[]; requestId: string; retrievedAt: Date }
  | { kind: "not-permitted"; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

export type DocumentContent = { kind: "pdf"; bytes: Uint8Array } | { kind: "structured"; title: string; sections: Array<{ title: string; text: string }> };

export type DocumentContentOutcome =
  | { kind: "found"; content: DocumentContent }
  | { kind: "origin-not-allowed"; origin: string }
  | { kind: "unsupported"; contentType: string }
  | { kind: "too-large"; limitBytes: number }
  | { kind: "failed"; status: number | null; problem: string };

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

const pointerOf = (resource: z.infer<typeof documentReferenceSchema>): DocumentPointer => {
  const attachment = resource.content[0]!.attachment;
  const type = resource.type?.coding?.[0]?.display ?? "Document";
  return {
    id: resource.id,
    subjectNhsNumber: resource.subject?.identifier?.value ?? null,
    type,
    title: resource.description ?? attachment.title ?? type,
    custodian: { name: resource.custodian?.display ?? null, odsCode: resource.custodian?.identifier?.value ?? null },
    date: resource.date ?? null,
    status: resource.status,
    contentType: attachment.contentType ?? null,
    url: attachment.url ?? null,
  };
};

const compositionSchema = z.object({
  resourceType: z.literal("Composition"),
  title: z.string().optional(),
  section: z.array(z.object({ title: z.string().optional(), text: z.object({ div: z.string() }).optional() })).optional(),
});

export class NrlClient {
  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
    private readonly documents: DocumentFetchSettings,
  ) {}

  /** The patient's current pointers of the types the user's organisation may see (NRL filters by the ODS header). */
  async pointers(nhsNumber: string, context: NhsCallContext): Promise<DocumentPointerOutcome> {
    const query = new URLSearchParams({ "subject:identifier": `https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}` });
    const response = await this.client.call({
      api: "nrl",
      baseUrl: this.baseUrl,
      method: "GET",
      path: "/DocumentReference",
      query,
      schema: bundleSchema,
      context,
    });
    if (response.kind === "operation-outcome" && response.status === 403) return { kind: "not-permitted", requestId: response.requestId };
    if (response.kind !== "ok") return { kind: "failed", failure: response };
    const pointers = (response.body.entry ?? []).map((entry) => pointerOf(entry.resource)).sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
    return { kind: "found", pointers, requestId: response.requestId, retrievedAt: response.receivedAt };
  }

  async pointer(
    id: string,
    context: NhsCallContext,
  ): Promise<
    | { kind: "found"; pointer: DocumentPointer; requestId: string }
    | { kind: "not-found"; requestId: string }
    | { kind: "not-permitted"; requestId: string }
    | { kind: "failed"; failure: NhsFailure }
  > {
    const response = await this.client.call({
      api: "nrl",
      baseUrl: this.baseUrl,
      method: "GET",
      path: `/DocumentReference/${encodeURIComponent(id)}`,
      schema: documentReferenceSchema,
      context,
    });
    if (response.kind === "operation-outcome" && response.status === 403) return { kind: "not-permitted", requestId: response.requestId };
    if (response.kind === "operation-outcome" && response.status === 404) return { kind: "not-found", requestId: response.requestId };
    if (response.kind !== "ok") return { kind: "failed", failure: response };
    return { kind: "found", pointer: pointerOf(response.body), requestId: response.requestId };
  }

  /**
   * The document a pointer names, fetched by the server from a custodian this deployment trusts: the
   * URL comes from upstream data, so an unlisted origin is refused rather than followed.
   */
  async content(pointer: DocumentPointer, context: NhsCallContext, requestId: string): Promise<DocumentContentOutcome> {
    if (!pointer.url) return { kind: "failed", status: null, problem: "the pointer has no content URL" };
    let url: URL;
    try {
      url = new URL(pointer.url);
    } catch {
      return { kind: "failed", status: null, problem: "the pointer's content URL is not a URL" };
    }
    if (!this.documents.origins.includes(url.origin)) return { kind: "origin-not-allowed", origin: url.origin };
    try {
      return await withDeadline(this.documents.timeoutMs, (signal) => this.fetchContent(url, pointer, context, requestId, signal));
    } catch (error) {
      return { kind: "failed", status: null, problem: error instanceof Error ? error.message : "unknown" };
    }
  }

  private async fetchContent(
    url: URL,
    pointer: DocumentPointer,
    context: NhsCallContext,
    requestId: string,
    signal: AbortSignal,
  ): Promise<DocumentContentOutcome> {
    const response = await outsideRequest(() =>
      (this.documents.fetchImpl ?? fetch)(url, {
        headers: {
          accept: "application/pdf, application/fhir+json",
          "x-request-id": requestId,
          "x-correlation-id": context.correlationId,
          ...(context.endUserOrganisationOds ? { "nhsd-end-user-organisation-ods": context.endUserOrganisationOds } : {}),
        },
        signal,
        cache: "no-store",
        redirect: "error",
      }),
    );
    if (!response.ok) return { kind: "failed", status: response.status, problem: `HTTP ${response.status}` };
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
    if (contentType !== "application/pdf" && contentType !== "application/fhir+json" && contentType !== "application/json") {
      await response.body?.cancel().catch(() => undefined);
      return { kind: "unsupported", contentType: contentType || "(none)" };
    }
    const body = await readBounded(response, this.documents.maxBytes);
    if (body.kind === "too-large") return body;
    if (contentType === "application/pdf") {
      const bytes = body.bytes;
      if (!new TextDecoder().decode(bytes.slice(0, 5)).startsWith("%PDF-"))
        return { kind: "failed", status: response.status, problem: "the document is not a PDF" };
      return { kind: "found", content: { kind: "pdf", bytes } };
    }
    if (contentType === "application/fhir+json" || contentType === "application/json") {
      const composition = compositionSchema.safeParse(parseJson(body.bytes));
      if (!composition.success) return { kind: "unsupported", contentType };
      return {
        kind: "found",
        content: {
          kind: "structured",
          title: composition.data.title ?? pointer.title,
          sections: (composition.data.section ?? []).map((section) => ({
            title: section.title ?? "",
            text: section.text ? parseHtml(section.text.div).textContent.trim() : "",
          })),
        },
      };
    }
    return { kind: "unsupported", contentType: contentType || "(none)" };
  }
}
