import * as content from "@/lib/content";
import { openSharedDocument } from "@/lib/features/documents/shared-documents";
import { problemResponse } from "@/lib/http/problem";
import { paths } from "@/lib/routes";

/** A shared PDF, fetched by the server from its custodian and passed on; never cached, never fetched by the browser itself. */
export async function GET(request: Request, { params }: { params: Promise<{ ref: string; docRef: string }> }) {
  const { ref, docRef } = await params;
  const outcome = await openSharedDocument(ref, docRef);
  const noStore = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
  if (outcome.kind === "found" && outcome.content.kind === "pdf") {
    return new Response(Buffer.from(outcome.content.bytes), {
      headers: { ...noStore, "content-type": "application/pdf", "content-disposition": 'inline; filename="shared-document.pdf"' },
    });
  }
  if (outcome.kind === "found") return Response.redirect(new URL(paths.document(ref, docRef), request.url), 303);
  const status = outcome.kind === "unknown" ? 404 : outcome.kind === "not-permitted" || outcome.kind === "refused" ? 403 : 502;
  return problemResponse(
    status,
    content.documents.fetchFailed,
    outcome.kind === "refused" || outcome.kind === "content-problem" ? { reference: outcome.requestId } : {},
    noStore,
  );
}
