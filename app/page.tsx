import { redirect } from "next/navigation";
import { SignInButton } from "@/components/SignInButton";
import { actingRole, currentSession } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { paths } from "@/lib/routes";

export default async function StartPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  // next-auth returns failed OAuth sign-ins to the sign-in page; explain them on the error page.
  if (typeof error === "string" && /^[A-Za-z]{1,40}$/.test(error)) redirect(`/auth/error?error=${error}`);
  const session = await currentSession();
  if (session) redirect(actingRole(session) ? paths.findPatient() : paths.continue());
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{content.start.title}</h1>
        <p className="nhsuk-lede-text">{content.start.lead}</p>
        <p>{content.start.needs}</p>
        <SignInButton />
      </div>
    </div>
  );
}
