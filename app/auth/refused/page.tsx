import type { Metadata } from "next";
import { SignInButton } from "@/components/SignInButton";
import { REFUSAL_REASONS, type RefusalReason } from "@/lib/auth/admission";
import * as content from "@/lib/content";

export const metadata: Metadata = { title: content.pageTitle(content.refused.title) };

export default async function RefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string | string[]; level?: string | string[] }> }) {
  const { reason, level } = await searchParams;
  const known = REFUSAL_REASONS.find((candidate) => candidate === reason) as RefusalReason | undefined;
  const copy = content.refused.reasons[known ?? "no-usable-roles"];
  const body = typeof copy.body === "function" ? copy.body(typeof level === "string" && /^[0-3]$/.test(level) ? level : "below 2") : copy.body;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{content.refused.title}</h1>
        <h2 className="nhsuk-heading-m" data-testid="refusal-heading">
          {copy.heading}
        </h2>
        <p data-testid="refusal-body">{body}</p>
        <p>{copy.action}</p>
        <SignInButton />
      </div>
    </div>
  );
}
