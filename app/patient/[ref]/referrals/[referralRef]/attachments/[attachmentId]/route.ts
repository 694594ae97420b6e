import * as content from "@/lib/content";
import { downloadAttachment } from "@/lib/features/referrals/attachments";
import { problemResponse } from "@/lib/http/problem";

const NO_STORE = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

function problem(status: number, detail: string, reference: string | null) {
  return problemResponse(status, content.referrals.attachmentFailed, { detail, ...(reference ? { reference } : {}) }, NO_STORE);
}

/** A referral attachment, fetched by the server (which follows e-RS's redirect) and passed on uncached; audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ ref: string; referralRef: string; attachmentId: string }> }) {
  const { ref, referralRef, attachmentId } = await params;
  const download = await downloadAttachment(ref, referralRef, attachmentId);
  if (download.kind === "unknown") return problem(404, content.referrals.unknown, null);
  const { attachment, file, requestId } = download;
  switch (file.kind) {
    case "found":
      return new Response(Buffer.from(file.body), {
        headers: {
          ...NO_STORE,
          "content-type": file.contentType,
          "content-disposition": `attachment; filename="${attachment.title.replace(/[^A-Za-z0-9 ._-]/g, "").slice(0, 60) || "attachment"}${file.contentType === "application/pdf" ? ".pdf" : ""}"`,
        },
      });
    case "unavailable":
      return problem(404, content.referrals.unavailable(content.referrals.availability[file.reason] ?? file.reason), requestId);
    case "too-large":
      return problem(502, content.referrals.attachmentTooLarge(Math.round(file.limitBytes / (1024 * 1024))), requestId);
    case "failed":
      return problem(502, content.referrals.attachmentFailed, requestId);
    default: {
      const unhandled: never = file;
      return unhandled;
    }
  }
}
