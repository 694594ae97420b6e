/**
 * The mock CIS2's test users. Usernames follow the NHS's simulated CIS2 (656005750104 AAL3,
 * 656005750109 AAL2, 656005750110 AAL1); names, organisations and role profiles are synthetic.
 */

export interface MockCis2Role {
  person_roleid: string;
  person_orgid: string;
  org_code: string;
  role_code: string;
  role_name: string;
  activities: string[];
  activity_codes: string[];
}

export interface MockCis2User {
  username: string;
  givenName: string;
  familyName: string;
  title: string;
  authenticationAssuranceLevel: 1 | 2 | 3;
  identityAssuranceLevel: 1 | 2 | 3;
  acr: string;
  amr: string[];
  /** How the person would have authenticated, shown on the mock sign-in page. */
  authenticator: string;
  roles: MockCis2Role[];
  /** What a tester should expect; shown on the mock sign-in page. */
  purpose: string;
}

export const MOCK_ORGANISATIONS: Record<string, string> = {
  Y12345: "Trevelyan Square Surgery",
  Y23456: "Boar Lane Pharmacy",
  X26: "NHS England",
  RX9: "North Humber Hospitals NHS Trust",
};

const ACTIVITY_NAMES: Record<string, string> = {
  B0264: "Patient Search and View",
  B0825: "Amend Patient Demographics",
  B0401: "View Patient Medication",
  B0570: "Perform Pharmacy Activities",
  B0572: "Manage Pharmacy Activities",
  B0068: "Verify Prescription",
  B0058: "Nurse Prescribers Formulary (NPF) Prescribing",
  B0420: "Independent Prescribing",
  B1510: "Execute CDS Extracts (NHS Group Pseud. Data)",
  B0090: "Manage Workgroup Membership",
};

/** The national RBAC role profiles the test users hold: job role code and name. */
const CLINICAL_PRACTITIONER = ["S8000:G8000:R8000", '"Clinical":"Clinical Provision":"Clinical Practitioner Access Role"'] as const;
const HEALTH_PROFESSIONAL = ["S8000:G8000:R8003", '"Clinical":"Clinical Provision":"Health Professional Access Role"'] as const;
const ADMIN_CLINICAL_SUPPORT = ["S8000:G8001:R8008", '"Admin":"Admin and Clinical Support":"Admin/Clinical Support Access Role"'] as const;
const INFORMATION_GOVERNANCE = ["S8000:G8000:R8013", '"Admin":"Management - A and C":"Information Governance Access Role"'] as const;
const PRIVACY_OFFICER = ["S8000:G8000:R0001", '"Admin":"Management - A and C":"Privacy Officer"'] as const;
const CALDICOTT_GUARDIAN = ["S8000:G8000:R5105", '"Admin":"Management - A and C":"Caldicott Guardian"'] as const;

/** A role profile at an organisation; its person_orgid follows from the person_roleid and the ODS code. */
function role(personRoleId: string, orgCode: string, [roleCode, roleName]: readonly [string, string], activityCodes: string[]): MockCis2Role {
  return {
    person_roleid: personRoleId,
    person_orgid: `${personRoleId.slice(0, 9)}${orgCode.length}07`,
    org_code: orgCode,
    role_code: roleCode,
    role_name: roleName,
    activity_codes: activityCodes,
    activities: activityCodes.map((code) => ACTIVITY_NAMES[code] ?? code),
  };
}

type SignIn = Pick<MockCis2User, "authenticationAssuranceLevel" | "identityAssuranceLevel" | "acr" | "amr" | "authenticator">;

/** How each test user signs in: a smartcard (AAL3), a security key (AAL2) or a password alone (AAL1). */
const SMARTCARD: SignIn = { authenticationAssuranceLevel: 3, identityAssuranceLevel: 3, acr: "AAL3_ANY", amr: ["N3_SMARTCARD"], authenticator: "Smartcard" };
const SECURITY_KEY: SignIn = { authenticationAssuranceLevel: 2, identityAssuranceLevel: 3, acr: "AAL2_ANY", amr: ["FIDO2"], authenticator: "Security key" };
const PASSWORD: SignIn = { authenticationAssuranceLevel: 1, identityAssuranceLevel: 1, acr: "AAL1_USERPASS", amr: ["PWD"], authenticator: "Password" };

/** A test user: username, title and name, how they sign in, what they are for, and their role profiles. */
function user(
  username: string,
  [title, givenName, familyName]: [string, string, string],
  signIn: SignIn,
  purpose: string,
  roles: MockCis2Role[],
): MockCis2User {
  return { username, givenName, familyName, title, ...signIn, amr: [...signIn.amr], purpose, roles };
}

export const MOCK_CIS2_USERS: MockCis2User[] = [
  user("656005750104", ["Dr", "Priya", "Raman"], SMARTCARD, "Several roles: a GP and a community pharmacist, plus a role the service cannot use", [
    role("656014452101", "Y12345", CLINICAL_PRACTITIONER, ["B0264", "B0825", "B0401", "B0420"]),
    role("656005754108", "Y23456", HEALTH_PROFESSIONAL, ["B0264", "B0570", "B0572", "B0068", "B0401"]),
    role("656005759103", "X26", INFORMATION_GOVERNANCE, ["B1510", "B0090"]),
  ]),
  user("656005750109", ["Mr", "Tom", "Okafor"], SECURITY_KEY, "One admin and clinical support role at a GP practice; goes straight in", [
    role("656005755105", "Y12345", ADMIN_CLINICAL_SUPPORT, ["B0264", "B0825"]),
  ]),
  user("656005750110", ["Ms", "Sam", "Hughes"], PASSWORD, "Signed in with a password only: refused by the service", [
    role("656005756104", "Y12345", ADMIN_CLINICAL_SUPPORT, ["B0264"]),
  ]),
  user("656005750112", ["Dr", "Helen", "Morris"], SMARTCARD, "Hospital consultant: reviews e-RS referrals sent to the trust's services", [
    role("656005762108", "RX9", CLINICAL_PRACTITIONER, ["B0264", "B0401"]),
  ]),
  user("656005750113", ["Ms", "Grace", "Adebayo"], SMARTCARD, "Privacy Officer: reviews who looked at which patient, and privacy alerts", [
    role("656005763109", "Y12345", PRIVACY_OFFICER, []),
  ]),
  user("656005750114", ["Dr", "Owen", "Pryce"], SMARTCARD, "Caldicott Guardian at the hospital trust: sees only the trust's access audit", [
    role("656005764105", "RX9", CALDICOTT_GUARDIAN, []),
  ]),
  user("656005750111", ["Mx", "Alex", "Morgan"], SMARTCARD, "No roles at any organisation: told they cannot use the service", []),
];

export function findMockUser(username: string): MockCis2User | undefined {
  return MOCK_CIS2_USERS.find((user) => user.username === username);
}

export function roleDisplayName(roleName: string): string {
  return roleName.split('":"').at(-1)?.replace(/"/g, "") ?? roleName;
}

/** The userinfo claims CIS2 returns for the nationalrbacaccess and associatedorgs scopes. */
export function userinfoClaims(user: MockCis2User) {
  const orgCodes = [...new Set(user.roles.map((entry) => entry.org_code))];
  return {
    sub: user.username,
    uid: user.username,
    nhsid_useruid: user.username,
    name: `${user.givenName} ${user.familyName.toUpperCase()} ${user.title}`,
    given_name: user.givenName,
    family_name: user.familyName,
    email: `${user.givenName}.${user.familyName}@example.nhs.uk`.toLowerCase(),
    nhsid_nrbac_roles: user.roles,
    nhsid_user_orgs: orgCodes.map((code) => ({ org_code: code, org_name: MOCK_ORGANISATIONS[code] ?? code })),
    authentication_assurance_level: String(user.authenticationAssuranceLevel),
    id_assurance_level: String(user.identityAssuranceLevel),
  };
}
