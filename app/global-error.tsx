"use client";

import { ErrorMessage, errorMessageFor } from "@/app/_components/ErrorMessage";
import * as content from "@/lib/content/common";

/** When the root layout itself fails (it reads the session for the header): the same message, in a page of its own. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en-GB">
      <head>
        <link rel="stylesheet" href="/nhsuk/nhsuk-frontend.min.css" />
        <title>{content.pageTitle(errorMessageFor(error.digest).title)}</title>
      </head>
      <body className="js-enabled nhsuk-frontend-supported">
        <div className="nhsuk-width-container">
          <main className="nhsuk-main-wrapper" id="maincontent">
            <ErrorMessage digest={error.digest} />
          </main>
        </div>
      </body>
    </html>
  );
}
