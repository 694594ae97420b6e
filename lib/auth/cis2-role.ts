/** One of the user's CIS2 role profiles (nhsid_nrbac_roles), as the app uses it. */
export interface Cis2Role {
  /** person_roleid: sent upstream as NHSD-Session-URID. */
  personRoleId: string;
  roleCode: string;
  roleName: string;
  orgCode: string;
  orgName: string | null;
  /** person_orgid: the user's membership of the organisation, sent to EPS as nhsd-organization-uuid. */
  orgId: string | null;
  activityCodes: string[];
}
