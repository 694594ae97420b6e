import * as content from "@/lib/content";
import type { FailureMessage } from "@/lib/features/failure-message";

/** An upstream failure in plain English, with the upstream's code and a reference the user can quote. */
export function FailureCallout({ failure }: { failure: FailureMessage }) {
  return (
    <div className="nhsuk-warning-callout" role="alert" data-testid="upstream-failure">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {failure.heading}
        </span>
      </h2>
      <p>{failure.body}</p>
      <dl className="nhsuk-summary-list nhsuk-u-margin-bottom-0">
        {failure.upstreamCode ? (
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">{content.upstream.upstreamCode}</dt>
            <dd className="nhsuk-summary-list__value">
              <code>{failure.upstreamCode}</code>
            </dd>
          </div>
        ) : null}
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{content.upstream.reference}</dt>
          <dd className="nhsuk-summary-list__value">
            <code data-testid="failure-reference">{failure.reference}</code>
            <br />
            <span className="nhsuk-body-s">{content.upstream.quoteReference}</span>
          </dd>
        </div>
      </dl>
    </div>
  );
}
