/**
 * Every piece of text a user reads, in one place, in plain English.
 * Components import from here; nothing user-facing is written inline elsewhere.
 */

import type { NhsNumberInputProblem } from "@/lib/format";

export const SERVICE_NAME = "Care Record Viewer";

export const content = {
  serviceName: SERVICE_NAME,
  pageTitle: (title: string, hasError = false) => `${hasError ? "Error: " : ""}${title} – ${SERVICE_NAME} – NHS`,
  skipLink: "Skip to main content",
  footer: {
    notice: "For use by authorised health and care staff only. Every access to a patient's record is recorded.",
  },

  start: {
    title: `Sign in to ${SERVICE_NAME}`,
    lead: "See what the national NHS services hold for a patient: demographics, Summary Care Record, prescriptions, referrals, immunisations and shared documents.",
    needs: "You need an NHS Care Identity Service 2 (CIS2) account with a smartcard or another authenticator, and a role at a health or care organisation.",
    signIn: "Sign in with NHS CIS2",
  },

  header: {
    actingAs: "Acting as",
    changeRole: "Change role",
    signOut: "Sign out",
    navigationLabel: "Account",
  },

  selectRole: {
    title: "Select your role",
    lead: "You have more than one role. Choose the role you are working in now. It will be shown on every page and recorded with everything you look at.",
    legend: "Roles you can use in this service",
    continue: "Continue",
    errorNoChoice: "Select the role you are working in",
    unusableSummary: "Roles you cannot use in this service",
    unusableExplanation: "These roles do not include any activity this service needs.",
    roleOrganisation: (organisationName: string, odsCode: string) => `${organisationName} (ODS code ${odsCode})`,
    unknownRole: "That role is not one of yours. Select one of the roles listed.",
  },

  refused: {
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
      "no-usable-roles": {
        heading: "You do not have a role that can use this service",
        body: "None of your CIS2 roles includes an activity this service needs, such as searching for patients.",
        action: "Ask your organisation's Registration Authority to review your roles.",
      },
    },
  },

  authError: {
    title: "There was a problem signing you in",
    reasons: {
      idpUnavailable: "NHS CIS2 could not be reached. Wait a few minutes and try again. If it keeps happening, contact your IT service desk.",
      callbackRejected: "The sign-in could not be completed because the response from NHS CIS2 did not match the sign-in you started. This can happen if you used the back button or signed in in another tab. Start again.",
      sessionEnded: "Your session has ended. Sign in again to continue.",
      generic: "Something went wrong while signing you in. Start again. If it keeps happening, contact your IT service desk.",
    },
    tryAgain: "Try signing in again",
  },

  signedOut: {
    title: "You have signed out",
    body: "You have signed out of this service and of NHS CIS2. Patient information is no longer shown on this device.",
    signInAgain: "Sign in again",
  },

  findPatient: {
    title: "Find a patient",
    nhsNumberLabel: "NHS number",
    nhsNumberHint: "This is a 10 digit number, like 485 777 3456. You can include spaces or dashes.",
    search: "Search",
    errorSummaryTitle: "There is a problem",
    nhsNumberErrors: {
      empty: "Enter the patient's NHS number",
      "invalid-characters": "NHS number must only include numbers, spaces and dashes",
      "too-long": "NHS number must be 10 digits",
      "wrong-length": "NHS number must be 10 digits",
      "check-digit": "Enter a valid NHS number. Check you have entered it correctly",
    } satisfies Record<NhsNumberInputProblem, string>,
    notFound: {
      heading: "No patient found",
      body: (formattedNhsNumber: string) =>
        `There is no patient with the NHS number ${formattedNhsNumber} in the Personal Demographics Service. Check the number with the patient or their documents and search again.`,
    },
    invalidated: {
      heading: "This NHS number is no longer in use",
      body: "The record for this NHS number has been invalidated in the Personal Demographics Service. Do not use it. Search by the patient's details to find their current record.",
    },
    rejectedNumber: {
      heading: "The NHS number was not accepted",
      body: "The Personal Demographics Service did not accept this NHS number. Check it and search again.",
    },
    notPermitted: "Your selected role cannot search for patients. Change role, or ask your Registration Authority for access.",
  },

  patient: {
    bannerLabel: "Patient details",
    nhsNumber: "NHS number",
    born: "Born",
    gender: "Gender",
    address: "Address",
    gpPractice: "GP practice",
    notKnown: "Not known",
    nameNotKnown: "Name not known",
    restricted: "Restricted",
    restrictedNotice: "This patient's record is restricted. Their address, contact details and GP practice are not shown.",
    deceased: "Deceased",
    deceasedOn: (date: string) => `Deceased ${date}`,
    supersededNotice: (oldNumber: string, newNumber: string) =>
      `The NHS number ${oldNumber} has been replaced. This patient's current NHS number is ${newNumber}. Use the current number from now on.`,
    source: (api: string, when: string) => `From ${api}, retrieved ${when}`,
    searchAgain: "Find another patient",
    expired: "This patient link has expired or belongs to another session. Search for the patient again.",
  },

  apiNames: {
    pds: "the Personal Demographics Service (PDS)",
  },

  upstream: {
    reference: "Reference",
    quoteReference: "Quote this reference if you contact the service desk.",
    upstreamCode: "Error code",
    failureHeading: (api: string) => `We could not get information from ${api}`,
    timeout: "The service did not reply in time. Try again in a few minutes.",
    networkError: "The service could not be reached. Try again in a few minutes.",
    rateLimited: "The service is busy and asked us to slow down. Try again in a minute.",
    unavailable: "The service is unavailable at the moment. Try again in a few minutes.",
    serverError: "The service had a problem answering. Try again in a few minutes.",
    invalidResponse: "The service sent a reply we could not read, so nothing from it is shown.",
    refused: "The service refused the request. If it keeps happening, contact your IT service desk.",
    notAuthorised: "The service did not accept this app's authorisation. Contact your IT service desk.",
  },

  errors: {
    pageNotFound: "Page not found",
    pageNotFoundBody: "If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.",
    unexpectedTitle: "Sorry, there is a problem with the service",
    unexpectedBody: "Try again later. If it keeps happening, contact your IT service desk and quote the reference below.",
    goToStart: "Go to the start page",
  },
} as const;
