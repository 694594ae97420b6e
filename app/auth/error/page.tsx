import type { Metadata } from "next";
import { SignInButton } from "@/components/SignInButton";
import * as content from "@/lib/content";

export const metadata: Metadata = { title: content.pageTitle(content.authError.title) };

/** next-auth's error codes, told apart only as far as the user can act differently on them. */
function explanation(code: string | undefined): string {
  switch (code) {
    case "OAuthSignin":
      return content.authError.reasons.idpUnavailable;
    case "OAuthCallback":
    case "Callback":
    case "Verification":
      return content.authError.reasons.callbackRejected;
    case "SessionRequired":
      return content.authError.reasons.sessionEnded;
    default:
      return content.authError.reasons.generic;
  }
}

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  const code = typeof error === "string" ? error : undefined;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{content.authError.title}</h1>
        <p data-testid="auth-error-explanation">{explanation(code)}</p>
        <SignInButton />
      </div>
    </div>
  );
}
