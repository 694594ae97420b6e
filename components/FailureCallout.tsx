import * as content from "@/lib/content/common";
import type { FailureMessage } from "@/lib/features/failure-message";
import { SummaryList, SummaryRow } from "./SummaryList";
import { WarningCallout } from "./WarningCallout";

/** An upstream failure in plain English, with the upstream's code and a reference the user can quote. */
export function FailureCallout({ failure }: { failure: FailureMessage }) {
  return (
    <WarningCallout heading={failure.heading} alert testId="upstream-failure">
      <p>{failure.body}</p>
      <SummaryList className="nhsuk-u-margin-bottom-0">
        {failure.upstreamCode ? (
          <SummaryRow label={content.upstream.upstreamCode}>
            <code>{failure.upstreamCode}</code>
          </SummaryRow>
        ) : null}
        <SummaryRow label={content.upstream.reference}>
          <code data-testid="failure-reference">{failure.reference}</code>
          <br />
          <span className="nhsuk-body-s">{content.upstream.quoteReference}</span>
        </SummaryRow>
      </SummaryList>
    </WarningCallout>
  );
}
