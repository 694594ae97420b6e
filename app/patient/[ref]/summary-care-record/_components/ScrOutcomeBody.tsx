import * as content from "@/lib/content";
import { describeFailure } from "@/lib/features/failure-message";
import type { ScrPageOutcome } from "@/lib/features/scr/load-scr";
import { FailureCallout } from "@/components/FailureCallout";
import { ScrRecordView } from "./ScrRecordView";

function Notice({ heading, body, testId }: { heading: string; body: string; testId: string }) {
  return (
    <div className="nhsuk-inset-text" data-testid={testId}>
      <h3 className="nhsuk-heading-s">{heading}</h3>
      <p>{body}</p>
    </div>
  );
}

export function ScrOutcomeBody({ outcome }: { outcome: ScrPageOutcome }) {
  switch (outcome.kind) {
    case "found":
      return <ScrRecordView scr={outcome.scr} consent={outcome.consent} retrievedAt={outcome.retrievedAt} />;
    case "no-scr":
      return <Notice {...content.scr.noScr} testId="scr-none" />;
    case "no-consent":
      return <Notice {...content.scr.noConsent} testId="scr-no-consent" />;
    case "no-results":
      return <Notice {...content.scr.noResults} testId="scr-no-results" />;
    case "failed":
      return <FailureCallout failure={describeFailure(outcome.failure)} />;
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}
