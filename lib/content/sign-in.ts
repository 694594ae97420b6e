/** Text for signing in, choosing a role, and being refused or signed out. Part of the content module (index.ts). */

import { SERVICE_NAME } from "./common";

export const start = {
  title: `Sign in to ${SERVICE_NAME}`,
  lead: "See what the national NHS services hold for a patient: demographics, Summary Care Record, prescriptions, referrals, immunisations and shared documents.",
  needs: "You need an NHS Care Identity Service 2 (CIS2) account with a smartcard or another authenticator, and a role at a health or care organisation.",
  signIn: "Sign in with NHS CIS2",
} as const;

export const selectRole = {
  title: "Select your role",
  lead: "You have more than one role. Choose the role you are working in now. It will be shown on every page and recorded with everything you look at.",
  legend: "Roles you can use in this service",
  continue: "Continue",
  errorNoChoice: "Select the role you are working in",
  unusableSummary: "Roles you cannot use in this service",
  unusableExplanation: "These roles do not include any activity this service needs, or are at an organisation that does not use this service.",
  roleOrganisation: (organisationName: string, odsCode: string) => `${organisationName} (ODS code ${odsCode})`,
  unknownRole: "That role is not one of yours. Select one of the roles listed.",
} as const;

export const refused = {
  title: "You cannot use this service",
  signInAgain: "Sign in with a different account",
  reasons: {
    "assurance-too-low": {
      heading: "Your sign-in method is not secure enough",
      body: (achieved: string) =>
        `You signed in at authentication assurance level ${achieved}. This service shows confidential patient information, so it needs level 2 (for example an authenticator app or security key) to find patients and level 3 (a smartcard or an equivalent authenticator) to see clinical records.`,
      action: "Sign in again with your smartcard or another higher-assurance authenticator.",
    },
    "no-roles": {
      heading: "You do not have a role that can use this service",
      body: "Your CIS2 account has no roles at a health or care organisation.",
      action: "Ask your organisation's Registration Authority to give you a role with access to patient records.",
    },
    "organisation-not-allowed": {
      heading: "Your organisation does not use this service",
      body: "This service is set up for named organisations only, and none of your CIS2 roles is at one of them.",
      action: "If you work for one of them, ask its Registration Authority to add that role to your account.",
    },
    "no-usable-roles": {
      heading: "You do not have a role that can use this service",
      body: "None of your CIS2 roles includes an activity this service needs, such as searching for patients.",
      action: "Ask your organisation's Registration Authority to review your roles.",
    },
  },
} as const;

export const authError = {
  title: "There was a problem signing you in",
  reasons: {
    idpUnavailable: "NHS CIS2 could not be reached. Wait a few minutes and try again. If it keeps happening, contact your IT service desk.",
    callbackRejected:
      "The sign-in could not be completed because the response from NHS CIS2 did not match the sign-in you started. This can happen if you used the back button or signed in in another tab. Start again.",
    sessionEnded: "Your session has ended. Sign in again to continue.",
    generic: "Something went wrong while signing you in. Start again. If it keeps happening, contact your IT service desk.",
  },
  tryAgain: "Try signing in again",
} as const;

export const signedOut = {
  title: "You have signed out",
  body: "You have signed out of this service and of NHS CIS2. Patient information is no longer shown on this device.",
  signInAgain: "Sign in again",
  reasons: {
    inactive: {
      title: "You were signed out",
      body: (minutes: number) =>
        `You were signed out because you had not used the service for ${minutes} minutes. This protects patient information on this device.`,
    },
    elsewhere: { title: "You were signed out", body: () => "You signed out in another tab or window, so this one was signed out too." },
    ended: { title: "Your session has ended", body: () => "Your session ended. Sign in again to continue." },
  },
  cis2Unreachable: {
    title: "You have signed out of this service",
    body: "Patient information is no longer shown on this device. NHS CIS2 could not be reached to end your sign-in there too, so you may still be signed in to CIS2: remove your smartcard, or close the browser, before you leave this device.",
  },
} as const;
