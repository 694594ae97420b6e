import * as content from "@/lib/content";
import { formatDateTimeWithTime } from "@/lib/format";
import { WarningCallout } from "./WarningCallout";

/**
 * Where a tab's items came from and when; and, if the service returned items about someone else (withheld
 * on the server, never shown), that it did, with the reference to quote.
 */
export function SourceProvenance({
  source,
  retrievedAt,
  withheld = 0,
  requestId,
}: {
  source: string;
  retrievedAt: Date;
  withheld?: number;
  requestId: string;
}) {
  return (
    <>
      <p className="nhsuk-body-s" data-testid="source-provenance">
        {content.patient.source(source, formatDateTimeWithTime(retrievedAt))}.
      </p>
      {withheld > 0 ? (
        <WarningCallout heading={content.upstream.failureHeading(source)} testId="items-withheld">
          <p>{content.patient.withheld(withheld)}</p>
          <p className="nhsuk-body-s">
            {content.upstream.reference}: <code>{requestId}</code>
          </p>
        </WarningCallout>
      ) : null}
    </>
  );
}
