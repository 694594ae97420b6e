"use client";

import { useState } from "react";
import { content } from "@/lib/content";

/** Copies a value such as a prescription ID for pasting into a dispensing or GP system. */
export function CopyButton({ value, label }: { value: string; label: string }) {
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
      {copied ? content.prescriptions.copied : content.prescriptions.copy}
      <span className="nhsuk-u-visually-hidden" aria-live="polite">
        {copied ? ` ${content.prescriptions.copied}` : ""}
      </span>
    </button>
  );
}
