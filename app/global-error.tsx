"use client";

import Link from "@/components/NoPrefetchLink";
import * as content from "@/lib/content/common";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en-GB">
      <head>
        <link rel="stylesheet" href="/nhsuk/nhsuk-frontend.min.css" />
        <title>{content.pageTitle(content.errors.unexpectedTitle)}</title>
      </head>
      <body className="js-enabled nhsuk-frontend-supported">
        <div className="nhsuk-width-container">
          <main className="nhsuk-main-wrapper" id="maincontent">
            <h1>{content.errors.unexpectedTitle}</h1>
            <p>{content.errors.unexpectedBody}</p>
            {error.digest ? (
              <p>
                {content.upstream.reference}: <code>{error.digest}</code>
              </p>
            ) : null}
            <p>
              <Link href="/">{content.errors.goToStart}</Link>
            </p>
          </main>
        </div>
      </body>
    </html>
  );
}
