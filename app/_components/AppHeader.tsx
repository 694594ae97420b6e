import Link from "@/components/NoPrefetchLink";
import * as content from "@/lib/content";
import { paths } from "@/lib/routes";

export interface HeaderAccount {
  userName: string;
  /** The parts of the service the acting role may go to from any page (lib/routes.ts HEADER_LINKS). */
  links: Array<{ href: string; label: string }>;
  /** "Clinical Practitioner Access Role at Trevelyan Square Surgery (Y12345)", or null before a role is chosen. */
  actingAs: string | null;
}

const NHS_LOGO_PATH =
  "M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z";
const USER_ICON_PATH =
  "M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z";

function AccountLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <li className="nhsuk-header__account-item">
      <Link className="nhsuk-header__account-link" href={href}>
        {children}
      </Link>
    </li>
  );
}

/**
 * The NHS header with the account area, as nhsuk-frontend's markup rendered on the server. It has no
 * menu, so it needs none of the design system's JavaScript; nhsuk-react-components' Header is a client
 * component that would send that script, and itself, to every page. Sign-out is a plain form: the
 * session guard tells the other tabs when it is submitted (data-sign-out).
 */
export function AppHeader({ account }: { account: HeaderAccount | null }) {
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-width-container nhsuk-header__container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" href={paths.home()} aria-label={content.header.homeLabel}>
            <svg
              className="nhsuk-header__logo"
              xmlns="http://www.w3.org/2000/svg"
              viewBox="0 0 200 80"
              height="40"
              width="100"
              focusable="false"
              role="img"
              aria-label="NHS"
            >
              <title>NHS</title>
              <path fill="currentcolor" d={NHS_LOGO_PATH} />
            </svg>
            <span className="nhsuk-header__service-name">{content.serviceName}</span>
          </Link>
        </div>
        {account ? (
          <nav className="nhsuk-header__account" aria-label={content.header.navigationLabel}>
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item">
                <svg
                  className="nhsuk-icon nhsuk-icon--user"
                  xmlns="http://www.w3.org/2000/svg"
                  viewBox="0 0 24 24"
                  width="16"
                  height="16"
                  focusable="false"
                  aria-hidden="true"
                >
                  <path d={USER_ICON_PATH} />
                </svg>
                {account.userName}
              </li>
              {account.actingAs ? (
                <li className="nhsuk-header__account-item">
                  <span data-testid="acting-as">
                    <span className="nhsuk-u-visually-hidden">{content.header.actingAs} </span>
                    {account.actingAs}
                  </span>
                </li>
              ) : null}
              {account.links.map((link) => (
                <AccountLink key={link.href} href={link.href}>
                  {link.label}
                </AccountLink>
              ))}
              {account.actingAs ? <AccountLink href={paths.selectRole()}>{content.header.changeRole}</AccountLink> : null}
              <li className="nhsuk-header__account-item">
                <form className="nhsuk-header__account-form" method="post" action={paths.signOut()} data-sign-out="">
                  <button className="nhsuk-header__account-button" type="submit">
                    {content.header.signOut}
                  </button>
                </form>
              </li>
            </ul>
          </nav>
        ) : null}
      </div>
    </header>
  );
}
