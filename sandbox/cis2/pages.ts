import { escapeHtml, nhsPage } from "../common/html";
import { MOCK_CIS2_USERS, MOCK_ORGANISATIONS, roleDisplayName } from "./users";

function usersTable(): string {
  const rows = MOCK_CIS2_USERS.map((user) => {
    const roles = user.roles.length
      ? `<ul class="nhsuk-list">${user.roles
          .map(
            (role) =>
              `<li>${escapeHtml(roleDisplayName(role.role_name))} at ${escapeHtml(MOCK_ORGANISATIONS[role.org_code] ?? role.org_code)} (${escapeHtml(role.org_code)})</li>`,
          )
          .join("")}</ul>`
      : "None";
    return `<tr class="nhsuk-table__row">
      <td class="nhsuk-table__cell"><code>${escapeHtml(user.username)}</code></td>
      <td class="nhsuk-table__cell">${escapeHtml(`${user.title} ${user.givenName} ${user.familyName}`)}</td>
      <td class="nhsuk-table__cell">AAL${user.authenticationAssuranceLevel} (${escapeHtml(user.authenticator)})</td>
      <td class="nhsuk-table__cell">${roles}</td>
      <td class="nhsuk-table__cell">${escapeHtml(user.purpose)}</td>
    </tr>`;
  }).join("\n");
  return `<table class="nhsuk-table" data-testid="mock-cis2-users">
    <caption class="nhsuk-table__caption">Test users</caption>
    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
      <th scope="col" class="nhsuk-table__header">Username</th>
      <th scope="col" class="nhsuk-table__header">Name</th>
      <th scope="col" class="nhsuk-table__header">Assurance level</th>
      <th scope="col" class="nhsuk-table__header">Roles</th>
      <th scope="col" class="nhsuk-table__header">What it shows</th>
    </tr></thead>
    <tbody class="nhsuk-table__body">${rows}</tbody>
  </table>`;
}

export function loginPage({ action, clientName, username = "", error }: { action: string; clientName: string; username?: string; error?: string }): string {
  const errorSummary = error
    ? `<div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1" data-testid="error-summary">
        <h2 class="nhsuk-error-summary__title" id="error-summary-title">There is a problem</h2>
        <div class="nhsuk-error-summary__body"><ul class="nhsuk-list nhsuk-error-summary__list">
          <li><a href="#username">${escapeHtml(error)}</a></li>
        </ul></div>
      </div>`
    : "";
  const body = `<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-full">
    ${errorSummary}
    <h1>Sign in</h1>
    <p>${escapeHtml(clientName)} is asking you to sign in. This is a local stand-in for NHS CIS2: it asks for a username only, like the NHS's own simulated CIS2.</p>
    <form method="post" action="${escapeHtml(action)}" novalidate>
      <div class="nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}">
        <label class="nhsuk-label" for="username">Username</label>
        ${error ? `<span class="nhsuk-error-message" id="username-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${escapeHtml(error)}</span>` : ""}
        <input class="nhsuk-input nhsuk-input--width-20${error ? " nhsuk-input--error" : ""}" id="username" name="username" type="text"
          inputmode="numeric" autocomplete="username" spellcheck="false" value="${escapeHtml(username)}"${error ? ' aria-describedby="username-error"' : ""}>
      </div>
      <button class="nhsuk-button" type="submit" data-module="nhsuk-button">Sign in</button>
    </form>
    ${usersTable()}
  </div></div>`;
  return nhsPage({ title: "Sign in", body, hasError: Boolean(error) });
}

export function logoutPage(form: string): string {
  // The form is oidc-provider's own (it carries the xsrf token); it is submitted at once so that
  // signing out of the app signs out of the mock CIS2 too, as with the real one.
  const body = `<h1>Signing you out</h1>
    ${form}
    <p>If nothing happens, select the button.</p>
    <button class="nhsuk-button" type="submit" form="op.logoutForm" value="yes" name="logout">Sign out of NHS CIS2</button>
    <script>document.forms["op.logoutForm"].insertAdjacentHTML("beforeend", '<input type="hidden" name="logout" value="yes">'); document.forms["op.logoutForm"].submit();</script>`;
  return nhsPage({ title: "Signing you out", body });
}

export function signedOutPage(): string {
  return nhsPage({ title: "Signed out", body: "<h1>You have signed out of NHS CIS2</h1>" });
}

export function errorPage(title: string, description: string): string {
  return nhsPage({
    title,
    body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(description)}</p>`,
  });
}
