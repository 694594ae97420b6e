"use client";

import Link from "@/components/NoPrefetchLink";
import * as content from "@/lib/content/common";
import { STORE_UNAVAILABLE_DIGEST_PREFIX } from "@/lib/errors/digests";

/** What went wrong, in words a person can act on, and the reference the server logged it under: never a stack trace. */
export function errorMessageFor(digest: string | undefined) {
  if (digest?.startsWith(STORE_UNAVAILABLE_DIGEST_PREFIX)) {
    return {
      title: content.errors.storeUnavailableTitle,
      paragraphs: [content.errors.storeUnavailableBody, content.errors.storeUnavailableAction],
      reference: digest.slice(STORE_UNAVAILABLE_DIGEST_PREFIX.length),
    };
  }
  return { title: content.errors.unexpectedTitle, paragraphs: [content.errors.unexpectedBody], reference: digest };
}

export function ErrorMessage({ digest }: { digest: string | undefined }) {
  const { title, paragraphs, reference } = errorMessageFor(digest);
  return (
    <>
      <h1>{title}</h1>
      {paragraphs.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {reference ? (
        <p>
          {content.upstream.reference}: <code data-testid="error-reference">{reference}</code>
        </p>
      ) : null}
      <p>
        <Link href="/">{content.errors.goToStart}</Link>
      </p>
    </>
  );
}
