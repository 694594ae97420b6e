import type { Metadata } from "next";
import Link from "@/components/NoPrefetchLink";
import { FailureCallout } from "@/components/FailureCallout";
import * as content from "@/lib/content";
import { formatFhirDate } from "@/lib/format";
import { describeFailure } from "@/lib/features/failure-message";
import { openSharedDocument, type SharedDocumentOutcome } from "@/lib/features/documents/shared-documents";
import { paths } from "@/lib/routes";
import { WarningCallout } from "@/components/WarningCallout";
import { SummaryList } from "@/components/SummaryList";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";

const text = content.documents;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

function Body({ outcome, contentHref }: { outcome: SharedDocumentOutcome; contentHref: string }) {
  switch (outcome.kind) {
    case "found": {
      const { pointer } = outcome;
      return (
        <>
          <h2 className="nhsuk-heading-m" data-testid="document-title">
            {outcome.content.kind === "structured" ? outcome.content.title : pointer.title}
          </h2>
          <p className="nhsuk-body-s" data-testid="document-provenance">
            {[pointer.type, pointer.custodian.name ? text.heldBy(pointer.custodian.name) : null, formatFhirDate(pointer.date?.slice(0, 10))]
              .filter(Boolean)
              .join(". ")}
            .
          </p>
          {outcome.content.kind === "structured" ? (
            <SummaryList testId="document-sections">
              {outcome.content.sections.map((section) => (
                <div key={section.title} className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">{section.title}</dt>
                  <dd className="nhsuk-summary-list__value">{section.text}</dd>
                </div>
              ))}
            </SummaryList>
          ) : (
            <>
              <p>{text.pdfIntro}</p>
              <p>
                <a href={contentHref} className="nhsuk-button" data-testid="document-pdf-link" target="_blank" rel="noopener">
                  {text.openPdf}
                </a>
              </p>
            </>
          )}
        </>
      );
    }
    case "unknown":
      return <p data-testid="document-unknown">{text.unknownDocument}</p>;
    case "not-permitted":
      return <p data-testid="source-not-permitted">{text.notPermitted}</p>;
    case "refused":
      return (
        <p className="nhsuk-inset-text" data-testid="source-refused">
          {text.refused("your organisation")} {content.upstream.reference}: <code>{outcome.requestId}</code>
        </p>
      );
    case "failed":
      return <FailureCallout failure={describeFailure(outcome.failure)} />;
    case "content-problem": {
      const message =
        outcome.message.kind === "origin-not-allowed"
          ? text.originNotAllowed(outcome.message.origin)
          : outcome.message.kind === "unsupported"
            ? text.unsupported(outcome.message.contentType)
            : outcome.message.kind === "too-large"
              ? text.tooLarge(outcome.message.megabytes)
              : text.fetchFailed;
      return (
        <WarningCallout heading={outcome.pointer.title} testId="document-problem">
          <p>{message}</p>
          <p className="nhsuk-body-s">
            {content.upstream.reference}: <code>{outcome.requestId}</code>
          </p>
        </WarningCallout>
      );
    }
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}

export default async function SharedDocumentPage({ params }: { params: Promise<{ ref: string; docRef: string }> }) {
  const { ref, docRef } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const outcome = await openSharedDocument(ref, docRef);
  return (
    <>
      <p>
        <Link href={paths.recordSection(ref, "documents")} className="nhsuk-back-link__link">
          {text.back}
        </Link>
      </p>
      <Body outcome={outcome} contentHref={paths.documentContent(ref, docRef)} />
    </>
  );
}
