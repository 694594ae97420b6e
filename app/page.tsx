import { redirect } from "next/navigation";
import { SignInButton } from "@/components/SignInButton";
import { actingRole, currentSession } from "@/lib/auth/session";
import { content } from "@/lib/content";

export default async function StartPage() {
  const session = await currentSession();
  if (session) redirect(actingRole(session) ? "/find-patient" : "/continue");
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
