import type { Metadata } from "next";
import { AppHeader, type HeaderAccount } from "@/app/_components/AppHeader";
import { SessionGuard } from "@/app/_components/SessionGuard";
import { WARNING_SECONDS } from "@/lib/auth/idle";
import { getConfig } from "@/lib/config";
import { canUse } from "@/lib/access/policy";
import { actingRole, currentSession } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { formatCis2RoleName } from "@/lib/format";
import { HEADER_LINKS } from "@/lib/routes";
import { releaseRenderAbortStack } from "@/lib/server/render-abort-stack";
import "./app.css";

const HEADER_LINK_LABELS: Record<(typeof HEADER_LINKS)[number]["id"], string> = {
  "find-patient": content.header.findPatient,
  worklists: content.referrals.worklists.navigation,
  audit: content.audit.navigation,
};

export const metadata: Metadata = {
  title: content.pageTitle(content.start.title),
  formatDetection: { telephone: false },
  robots: { index: false, follow: false },
};

async function headerAccount(): Promise<HeaderAccount | null> {
  const session = await currentSession();
  if (!session) return null;
  const role = actingRole(session);
  return {
    userName: session.user.name,
    links: HEADER_LINKS.filter((link) => canUse(link.feature, role, session.assurance.authenticationLevel)).map((link) => ({
      href: link.href,
      label: HEADER_LINK_LABELS[link.id],
    })),
    actingAs: role ? `${formatCis2RoleName(role.roleName)}, ${content.selectRole.roleOrganisation(role.orgName ?? role.orgCode, role.orgCode)}` : null,
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  releaseRenderAbortStack();
  const account = await headerAccount();
  return (
    <html lang="en-GB">
      <head>
        <link rel="stylesheet" href="/nhsuk/nhsuk-frontend.min.css" />
      </head>
      <body className="js-enabled nhsuk-frontend-supported">
        {/* plain markup, not the library's client component: a fragment link moves focus to main by itself */}
        <a href="#maincontent" className="nhsuk-skip-link">
          {content.skipLink}
        </a>
        <AppHeader account={account} />
        {account ? <SessionGuard idleTimeoutSeconds={getConfig().SESSION_IDLE_MINUTES * 60} warningSeconds={WARNING_SECONDS} /> : null}
        <div className="nhsuk-width-container">
          <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
            {children}
          </main>
        </div>
        <footer className="nhsuk-footer" role="contentinfo">
          <div className="nhsuk-width-container">
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-0 nhsuk-u-padding-top-4 nhsuk-u-padding-bottom-4">{content.footer.notice}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
