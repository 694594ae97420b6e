import Link from "@/components/NoPrefetchLink";
import * as content from "@/lib/content";
import { formatFhirDate } from "@/lib/format";
import type { NhsWebsitePage } from "@/lib/nhs/website-content/client";
import { paths } from "@/lib/routes";

const text = content.nhsWebsite;

/** The NHS attribution its terms require every time its content is shown: the logo, linked to the source page. */
export function NhsWebsiteAttribution({ page }: { page: NhsWebsitePage }) {
  const reviewed = formatFhirDate(page.lastReviewed);
  const due = formatFhirDate(page.nextReview);
  return (
    <div className="app-nhs-website-attribution" data-testid="nhs-website-attribution">
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
        <a href={page.sourceUrl} rel="external noopener noreferrer" data-testid="nhs-website-source">
          {/* a remote image the NHS website's terms name, shown as they give it; next/image would proxy it through this server */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={page.attributionLogo} alt={text.attributionAlt} width={250} height={49} referrerPolicy="no-referrer" />
          <span className="nhsuk-u-visually-hidden">
            {" "}
            {text.attributionLink(page.title)} {text.leavesService}
          </span>
        </a>
      </p>
      <p className="nhsuk-body-s" data-testid="nhs-website-reviewed">
        {reviewed ? text.lastReviewed(reviewed) : text.notReviewedDate}
        {due ? (
          <>
            <br />
            {text.nextReview(due)}
          </>
        ) : null}
      </p>
    </div>
  );
}

/** NHS.UK's sections, sanitised by the client with an allow-list before they get here. */
export function NhsWebsiteSections({ page, headingLevel }: { page: NhsWebsitePage; headingLevel: "h2" | "h3" | "h4" }) {
  const Heading = headingLevel;
  return (
    <div className="app-nhs-website-content" data-testid="nhs-website-sections">
      {page.sections.map((section, index) => (
        // a page's sections are fixed once fetched, and two may share a headline (or have none)
        <section key={index} data-aspect={section.aspect || undefined}>
          {section.headline ? <Heading className="nhsuk-heading-s">{section.headline}</Heading> : null}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by lib/nhs/website-content/sanitise.ts (allow-list; fuzzed) */}
          <div dangerouslySetInnerHTML={{ __html: section.html }} />
        </section>
      ))}
    </div>
  );
}

/** "About this medicine (from the NHS website)", collapsed, beside a prescription item or vaccination. */
export function NhsWebsiteDetails({ summary, page, testId }: { summary: string; page: NhsWebsitePage; testId: string }) {
  return (
    <details className="nhsuk-details nhsuk-u-margin-bottom-2" data-testid={testId}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{summary}</span>
      </summary>
      <div className="nhsuk-details__text">
        <p className="nhsuk-body-s">{text.notClinicalAdvice}</p>
        <NhsWebsiteSections page={page} headingLevel="h4" />
        <NhsWebsiteAttribution page={page} />
        <p className="nhsuk-body-s">
          <Link href={paths.nhsWebsitePage(page.kind, page.slug)} data-testid="nhs-website-print-link" aria-label={text.printViewFor(page.title)}>
            {text.printView}
          </Link>
        </p>
      </div>
    </details>
  );
}
