import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FailureCallout } from "@/components/FailureCallout";
import { NhsWebsiteAttribution, NhsWebsiteSections } from "@/components/NhsWebsiteContent";
import { PrintButton } from "@/components/PrintButton";
import * as content from "@/lib/content";
import { describeFailure } from "@/lib/features/failure-message";
import { nhsWebsitePage } from "@/lib/features/nhs-website/information";
import type { NhsWebsitePageKind } from "@/lib/nhs/website-content/client";

const text = content.nhsWebsite;
const KINDS: readonly NhsWebsitePageKind[] = ["medicines", "conditions", "vaccinations", "hospitals"];

export const metadata: Metadata = { title: content.pageTitle(text.printView) };

/**
 * One NHS.UK page, whole, to print for the patient: reference content named by NHS.UK's page name, holding
 * nothing about any patient, with the attribution its terms require.
 */
export default async function NhsWebsitePagePrintView({ params }: { params: Promise<{ kind: string; slug: string }> }) {
  const { kind, slug } = await params;
  if (!KINDS.includes(kind as NhsWebsitePageKind)) notFound();
  const lookup = await nhsWebsitePage(kind as NhsWebsitePageKind, slug);
  if (lookup.kind === "not-found") {
    return (
      <>
        <h1 className="nhsuk-heading-l">{text.notFoundTitle}</h1>
        <p data-testid="nhs-website-not-found">{text.notFoundBody}</p>
      </>
    );
  }
  if (lookup.kind === "failed") {
    return (
      <>
        <h1 className="nhsuk-heading-l">{text.printView}</h1>
        <FailureCallout failure={describeFailure(lookup.failure)} />
      </>
    );
  }
  const { page } = lookup;
  return (
    <article data-testid="nhs-website-page">
      <h1 className="nhsuk-heading-l">{text.pageTitle(page.title)}</h1>
      {page.description ? <p className="nhsuk-lede-text">{page.description}</p> : null}
      <PrintButton label={text.print} />
      <NhsWebsiteSections page={page} headingLevel="h2" />
      <NhsWebsiteAttribution page={page} />
    </article>
  );
}
