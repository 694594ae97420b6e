import type { Metadata } from "next";
import { headers } from "next/headers";
import * as content from "@/lib/content";
import { RETRY_AFTER_HEADER } from "@/lib/features/rate-limit/allowance";

export const metadata: Metadata = { title: content.pageTitle(content.tooManyRequests.title) };

const text = content.tooManyRequests;

/** Where the proxy sends a request beyond the user's allowance, with a 429 and Retry-After. */
export default async function TooManyRequestsPage() {
  const seconds = Number((await headers()).get(RETRY_AFTER_HEADER));
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds" data-testid="too-many-requests">
        <h1>{text.title}</h1>
        <p>{text.body}</p>
        <p>{Number.isInteger(seconds) && seconds > 0 ? text.wait(content.sessionWarning.minutesAndSeconds(seconds)) : text.waitAMoment}</p>
        <p>{text.notYou}</p>
      </div>
    </div>
  );
}
