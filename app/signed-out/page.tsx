import type { Metadata } from "next";
import { SignInButton } from "@/components/SignInButton";
import { getConfig } from "@/lib/config";
import * as content from "@/lib/content";

export const metadata: Metadata = { title: content.pageTitle(content.signedOut.title) };

const REASONS = ["inactive", "elsewhere", "ended"] as const;

export default async function SignedOutPage({ searchParams }: { searchParams: Promise<{ reason?: string | string[] }> }) {
  const { reason } = await searchParams;
  const known = REASONS.find((candidate) => candidate === reason);
  const copy = known ? content.signedOut.reasons[known] : null;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{copy ? copy.title : content.signedOut.title}</h1>
        <p data-testid="signed-out-reason">{copy ? copy.body(getConfig().SESSION_IDLE_MINUTES) : content.signedOut.body}</p>
        <SignInButton />
      </div>
    </div>
  );
}
