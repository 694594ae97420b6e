import { expect, test } from "./support/test";
import { expectAccessible } from "./support/axe";
import { chooseRole, signInThroughPages, USERS } from "./support/journeys";

test("the start page names the service and offers CIS2 sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("banner")).toContainText("Care Record Viewer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Care Record Viewer");
  await expect(page.getByRole("button", { name: "Sign in with NHS CIS2" })).toBeVisible();
  await expectAccessible(page);
});

test("the mock CIS2 asks for a username and lists its test users", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with NHS CIS2" }).click();
  await page.waitForURL(/\/openam\/oauth2\/realms\/root\/realms\/NHSIdentity\/realms\/Healthcare\/interaction\//);
  await expect(page.getByLabel("Username")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  const users = page.getByRole("table", { name: "Test users" });
  for (const username of Object.values(USERS)) await expect(users).toContainText(username);
  await expect(users).toContainText("AAL3 (Smartcard)");
  await expect(users).toContainText("Clinical Practitioner Access Role at Trevelyan Square Surgery (Y12345)");
  await expectAccessible(page, "mock CIS2 sign-in");

  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter your username");
  await page.getByLabel("Username").fill("999999999999");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("No test user has that username");
});

test("a user with several roles chooses one, and it shows in the header on every page", async ({ page }) => {
  await signInThroughPages(page, USERS.multiRole);
  await expect(page).toHaveURL(/\/select-role$/);
  const roles = page.getByRole("group", { name: "Roles you can use in this service" });
  await expect(roles.getByRole("radio")).toHaveCount(2);
  await expect(roles).toContainText("Clinical Practitioner Access Role");
  await expect(roles).toContainText("Trevelyan Square Surgery (ODS code Y12345)");
  await expect(roles).toContainText("Health Professional Access Role");
  await expect(roles).toContainText("Boar Lane Pharmacy (ODS code Y23456)");
  // the role with no activity this service uses is listed apart, not offered
  await page.getByText("Roles you cannot use in this service").click();
  await expect(page.getByTestId("unusable-roles")).toContainText("Information Governance Access Role, NHS England (ODS code X26)");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Select the role you are working in");
  await expect(page).toHaveTitle(/^Error: Select your role/);
  await expectAccessible(page, "no role chosen");
  await page.getByRole("link", { name: "Select the role you are working in" }).click();
  await expect(page.getByRole("radio", { name: /Clinical Practitioner Access Role/ })).toBeFocused();

  await chooseRole(page, /Health Professional Access Role/);
  await expect(page.getByTestId("acting-as")).toHaveText("Acting as Health Professional Access Role, Boar Lane Pharmacy (ODS code Y23456)");
  await expect(page.getByRole("link", { name: "Change role" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.getByRole("link", { name: "Change role" }).click();
  await chooseRole(page, /Clinical Practitioner Access Role/);
  await expect(page.getByTestId("acting-as")).toHaveText("Acting as Clinical Practitioner Access Role, Trevelyan Square Surgery (ODS code Y12345)");
});

test("a user with one usable role goes straight in", async ({ page }) => {
  await signInThroughPages(page, USERS.singleRoleAal2);
  await expect(page).toHaveURL(/\/find-patient$/);
  await expect(page.getByTestId("acting-as")).toHaveText("Acting as Admin/Clinical Support Access Role, Trevelyan Square Surgery (ODS code Y12345)");
});

test("a user who signed in at assurance level 1 is refused with the reason", async ({ page }) => {
  await signInThroughPages(page, USERS.aal1);
  await expect(page).toHaveURL(/\/auth\/refused/);
  await expect(page.getByTestId("refusal-heading")).toHaveText("Your sign-in method is not secure enough");
  await expect(page.getByTestId("refusal-body")).toContainText("authentication assurance level 1");
  await expect(page.getByRole("banner")).not.toContainText("Sign out");
  await expectAccessible(page);
  await page.goto("/find-patient");
  await expect(page).toHaveURL(/\/$/);
});

test("a user with no roles is told they cannot use the service", async ({ page }) => {
  await signInThroughPages(page, USERS.noRoles);
  await expect(page.getByTestId("refusal-heading")).toHaveText("You do not have a role that can use this service");
  await expect(page.getByTestId("refusal-body")).toContainText("no roles");
});
