"use client";

import { ErrorMessage } from "@/app/_components/ErrorMessage";

/** Shown instead of a stack trace: a plain message and the reference the server logged the error under. */
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorMessage digest={error.digest} />
      </div>
    </div>
  );
}
