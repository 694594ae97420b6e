"use client";

import { Header } from "nhsuk-react-components";
import { signOutAction } from "@/lib/auth/actions";
import { content } from "@/lib/content";
import { announceSignOut } from "./SessionGuard";

export interface HeaderAccount {
  userName: string;
  /** Whether the acting role reviews the access audit: it gets a link to it. */
  reviewsAudit: boolean;
  /** Whether the acting role may use e-RS: it gets a link to the worklists. */
  usesReferrals: boolean;
  /** "Clinical Practitioner Access Role at Trevelyan Square Surgery (Y12345)", or null before a role is chosen. */
  actingAs: string | null;
}

export function AppHeader({ account }: { account: HeaderAccount | null }) {
  return (
    <Header service={{ text: content.serviceName, href: "/" }}>
      {account ? (
        <Header.Account aria-label={content.header.navigationLabel}>
          <Header.AccountItem icon>{account.userName}</Header.AccountItem>
          {account.actingAs ? (
            <Header.AccountItem>
              <span data-testid="acting-as">
                <span className="nhsuk-u-visually-hidden">{content.header.actingAs} </span>
                {account.actingAs}
              </span>
            </Header.AccountItem>
          ) : null}
          {account.usesReferrals ? <Header.AccountItem href="/worklists">{content.referrals.worklists.navigation}</Header.AccountItem> : null}
          {account.reviewsAudit ? <Header.AccountItem href="/audit">{content.audit.navigation}</Header.AccountItem> : null}
          {account.actingAs ? <Header.AccountItem href="/select-role">{content.header.changeRole}</Header.AccountItem> : null}
          <Header.AccountItem as="button" type="submit" formProps={{ action: signOutAction, onSubmit: announceSignOut }}>
            {content.header.signOut}
          </Header.AccountItem>
        </Header.Account>
      ) : null}
    </Header>
  );
}
