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
  B1612: "Review Care Record Viewer access audit",
};

function role(personRoleId: string, orgCode: string, roleCode: string, roleName: string, activityCodes: string[]): MockCis2Role {
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

export const MOCK_CIS2_USERS: MockCis2User[] = [
  {
    username: "656005750104",
    givenName: "Priya",
    familyName: "Raman",
    title: "Dr",
    authenticationAssuranceLevel: 3,
    identityAssuranceLevel: 3,
    acr: "AAL3_ANY",
    amr: ["N3_SMARTCARD"],
    authenticator: "Smartcard",
    purpose: "Several roles: a GP and a community pharmacist, plus a role the service cannot use",
    roles: [
      role("656014452101", "Y12345", "S8000:G8000:R8000", '"Clinical":"Clinical Provision":"Clinical Practitioner Access Role"', [
        "B0264",
        "B0825",
        "B0401",
        "B0420",
      ]),
      role("656005754108", "Y23456", "S8000:G8000:R8003", '"Clinical":"Clinical Provision":"Health Professional Access Role"', [
        "B0264",
        "B0570",
        "B0572",
        "B0068",
        "B0401",
      ]),
      role("656005759103", "X26", "S8000:G8000:R8013", '"Admin":"Management - A and C":"Information Governance Access Role"', ["B1510", "B0090"]),
    ],
  },
  {
    username: "656005750109",
    givenName: "Tom",
    familyName: "Okafor",
    title: "Mr",
    authenticationAssuranceLevel: 2,
    identityAssuranceLevel: 3,
    acr: "AAL2_ANY",
    amr: ["FIDO2"],
    authenticator: "Security key",
    purpose: "One admin and clinical support role at a GP practice; goes straight in",
    roles: [
      role("656005755105", "Y12345", "S8000:G8001:R8008", '"Admin":"Admin and Clinical Support":"Admin/Clinical Support Access Role"', ["B0264", "B0825"]),
    ],
  },
  {
    username: "656005750110",
    givenName: "Sam",
    familyName: "Hughes",
    title: "Ms",
    authenticationAssuranceLevel: 1,
    identityAssuranceLevel: 1,
    acr: "AAL1_USERPASS",
    amr: ["PWD"],
    authenticator: "Password",
    purpose: "Signed in with a password only: refused by the service",
    roles: [role("656005756104", "Y12345", "S8000:G8001:R8008", '"Admin":"Admin and Clinical Support":"Admin/Clinical Support Access Role"', ["B0264"])],
  },
  {
    username: "656005750112",
    givenName: "Helen",
    familyName: "Morris",
    title: "Dr",
    authenticationAssuranceLevel: 3,
    identityAssuranceLevel: 3,
    acr: "AAL3_ANY",
    amr: ["N3_SMARTCARD"],
    authenticator: "Smartcard",
    purpose: "Hospital consultant: reviews e-RS referrals sent to the trust's services",
    roles: [role("656005762108", "RX9", "S8000:G8000:R8000", '"Clinical":"Clinical Provision":"Clinical Practitioner Access Role"', ["B0264", "B0401"])],
  },
  {
    username: "656005750113",
    givenName: "Grace",
    familyName: "Adebayo",
    title: "Ms",
    authenticationAssuranceLevel: 3,
    identityAssuranceLevel: 3,
    acr: "AAL3_ANY",
    amr: ["N3_SMARTCARD"],
    authenticator: "Smartcard",
    purpose: "Privacy Officer: reviews who looked at which patient, and privacy alerts",
    roles: [role("656005763109", "Y12345", "S8000:G8000:R8013", '"Admin":"Management - A and C":"Information Governance Access Role"', ["B1612"])],
  },
  {
    username: "656005750111",
    givenName: "Alex",
    familyName: "Morgan",
    title: "Mx",
    authenticationAssuranceLevel: 3,
    identityAssuranceLevel: 3,
    acr: "AAL3_ANY",
    amr: ["N3_SMARTCARD"],
    authenticator: "Smartcard",
    purpose: "No roles at any organisation: told they cannot use the service",
    roles: [],
  },
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
