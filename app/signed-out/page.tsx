import type { Metadata } from "next";
import { SignInButton } from "@/components/SignInButton";
import { content } from "@/lib/content";

export const metadata: Metadata = { title: content.pageTitle(content.signedOut.title) };

export default function SignedOutPage() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{content.signedOut.title}</h1>
        <p>{content.signedOut.body}</p>
        <SignInButton />
      </div>
    </div>
  );
}
