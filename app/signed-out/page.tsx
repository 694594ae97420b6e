import type { Metadata } from "next";
import { SignInButton } from "@/components/SignInButton";
import { getConfig } from "@/lib/config";
import * as content from "@/lib/content";

export const metadata: Metadata = { title: content.pageTitle(content.signedOut.title) };

const REASONS = ["inactive", "elsewhere", "ended"] as const;

export default async function SignedOutPage({ searchParams }: { searchParams: Promise<{ reason?: string | string[]; cis2?: string | string[] }> }) {
  const { reason, cis2 } = await searchParams;
  const known = REASONS.find((candidate) => candidate === reason);
  const copy = known
    ? { title: content.signedOut.reasons[known].title, body: content.signedOut.reasons[known].body(getConfig().SESSION_IDLE_MINUTES) }
    : cis2 === "unreachable"
      ? content.signedOut.cis2Unreachable
      : { title: content.signedOut.title, body: content.signedOut.body };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{copy.title}</h1>
        <p data-testid="signed-out-reason">{copy.body}</p>
        <SignInButton />
      </div>
    </div>
  );
}
