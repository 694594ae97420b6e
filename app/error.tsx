"use client";

import Link from "@/components/NoPrefetchLink";
import * as content from "@/lib/content/common";

/** Shown instead of a stack trace: a plain message and the reference the server logged the error under. */
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{content.errors.unexpectedTitle}</h1>
        <p>{content.errors.unexpectedBody}</p>
        {error.digest ? (
          <p>
            {content.upstream.reference}: <code data-testid="error-reference">{error.digest}</code>
          </p>
        ) : null}
        <p>
          <Link href="/">{content.errors.goToStart}</Link>
        </p>
      </div>
    </div>
  );
}
