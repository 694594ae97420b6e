"use client";

import { ErrorSummary } from "nhsuk-react-components";
import { useEffect, useRef } from "react";
import * as content from "@/lib/content/common";
import type { FieldError } from "@/lib/forms/state";

/** The NHS error summary: focused when it appears, each error linked to its field, and the title prefixed "Error:". */
export function ErrorSummaryBox({ errors, pageTitle }: { errors: FieldError[]; pageTitle: string }) {
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) summary.current?.focus();
  }, [errors]);
  useEffect(() => {
    // Next may write the page's own title again after this runs (a server action's answer re-renders the head), so
    // while there are errors the "Error:" title is held, not only set once
    const wanted = content.pageTitle(pageTitle, errors.length > 0);
    const hold = () => {
      if (document.title !== wanted) document.title = wanted;
    };
    hold();
    if (errors.length === 0) return;
    const observer = new MutationObserver(hold);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [errors, pageTitle]);
  if (errors.length === 0) return null;
  return (
    <ErrorSummary ref={summary} disableAutoFocus data-testid="error-summary">
      <ErrorSummary.Title>{content.errorSummaryTitle}</ErrorSummary.Title>
      <ErrorSummary.List>
        {errors.map((error) => (
          <ErrorSummary.ListItem key={error.fieldId} href={`#${error.fieldId}`}>
            {error.message}
          </ErrorSummary.ListItem>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
