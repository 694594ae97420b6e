import * as content from "@/lib/content";
import { describeFailure } from "@/lib/features/failure-message";
import type { SourceOutcome } from "@/lib/features/record/record-sources";
import { FailureCallout } from "./FailureCallout";

/** A tab whose source gave nothing to list: its heading, and why there is nothing. */
export function SourceUnavailable(props: { title: string; outcome: SourceOutcome<unknown>; notPermitted: string; refused?: string }) {
  return (
    <>
      <h2 className="nhsuk-heading-m">{props.title}</h2>
      <SourceUnavailableReason {...props} />
    </>
  );
}

/** Why a source gave nothing to list; null when there is data. */
function SourceUnavailableReason({ outcome, notPermitted, refused }: { outcome: SourceOutcome<unknown>; notPermitted: string; refused?: string }) {
  switch (outcome.kind) {
    case "found":
      return null;
    case "no-patient":
      return null;
    case "not-permitted":
      return <p data-testid="source-not-permitted">{notPermitted}</p>;
    case "refused":
      return (
        <div className="nhsuk-inset-text" data-testid="source-refused">
          <p>{refused ?? notPermitted}</p>
          <p className="nhsuk-body-s">
            {content.upstream.reference}: <code>{outcome.requestId}</code>
          </p>
        </div>
      );
    case "failed":
      return <FailureCallout failure={describeFailure(outcome.failure)} />;
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}
