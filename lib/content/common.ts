/** Text every page can show: the service name, header, session warning, errors and upstream failures. Part of the content module (index.ts). */

export const SERVICE_NAME = "Care Record Viewer";

export const serviceName = SERVICE_NAME;

export const pageTitle = (title: string, hasError = false) => `${hasError ? "Error: " : ""}${title} – ${SERVICE_NAME} – NHS`;

export const skipLink = "Skip to main content";

export const errorSummaryTitle = "There is a problem";

export const footer = {
  notice: "For use by authorised health and care staff only. Every access to a patient's record is recorded.",
} as const;

export const header = {
  homeLabel: `NHS ${SERVICE_NAME} homepage`,
  actingAs: "Acting as",
  changeRole: "Change role",
  findPatient: "Find a patient",
  signOut: "Sign out",
  navigationLabel: "Account",
} as const;

export const sessionWarning = {
  title: "You will be signed out soon",
  body: (time: string) => `For your security, you will be signed out in ${time} because you have not used the service.`,
  stay: "Stay signed in",
  signOut: "Sign out now",
  minutesAndSeconds: (seconds: number) => {
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    const parts = [minutes ? `${minutes} minute${minutes === 1 ? "" : "s"}` : "", rest ? `${rest} second${rest === 1 ? "" : "s"}` : ""].filter(Boolean);
    return parts.join(" ") || "0 seconds";
  },
} as const;

export const forbidden = {
  title: "You do not have access to this page",
  body: "Your selected role cannot see this page. If you need it, change role or ask your Registration Authority.",
  backToRecord: "Back to this patient's record",
} as const;

export const confidentiality = (name: string, role: string, organisation: string) => `Confidential patient data accessed by ${name}, ${role}, ${organisation}`;

export const upstream = {
  circuitOpen: (time: string) =>
    `This service has stopped asking it for a short while because it kept failing, so that it can recover. Nothing was sent. Try again after ${time}.`,
  notAuthorisedByPlatform: (said: string) =>
    `The NHS API platform would not authorise this service's request, so nothing was sent. It said: "${said}". Contact your service desk: this needs the service's set-up fixing, not anything you entered.`,
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
} as const;

export const tooManyRequests = {
  title: "You have made too many requests in a short time",
  body: "To protect the national NHS services that everyone relies on, each person can search for patients and open Summary Care Records only so many times a minute.",
  wait: (time: string) => `Wait ${time}, then try again.`,
  waitAMoment: "Wait a minute, then try again.",
  notYou: "If you did not make these requests, tell your IT service desk: something may be making them for you.",
  inForm: (time: string) => `You have searched too many times in a short time. Wait ${time}, then try again.`,
} as const;

export const errors = {
  pageNotFound: "Page not found",
  pageNotFoundBody: "If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.",
  unexpectedTitle: "Sorry, there is a problem with the service",
  unexpectedBody: "Try again later. If it keeps happening, contact your IT service desk and quote the reference below.",
  goToStart: "Go to the start page",
  storeUnavailableTitle: "Patient records cannot be shown at the moment",
  storeUnavailableBody:
    "This service records every access to a patient's record before showing it, and it cannot reach that record now. No patient data has been shown.",
  storeUnavailableAction: "Try again in a few minutes. If it keeps happening, contact your IT service desk and quote the reference below.",
} as const;
