"use client";

import { useState } from "react";

/** Copies a value such as a prescription ID for pasting into a dispensing or GP system. Its text comes from the server page. */
export function CopyButton({ value, label, text }: { value: string; label: string; text: { copy: string; copied: string } }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-copy-button"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          setCopied(false);
        }
      }}
    >
      {copied ? text.copied : text.copy}
      <span className="nhsuk-u-visually-hidden" aria-live="polite">
        {copied ? ` ${text.copied}` : ""}
      </span>
    </button>
  );
}
