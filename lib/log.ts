// not "server-only", so that the proxy can log its refusals; lib/content/client-imports.test.ts keeps it out of the browser
import pino from "pino";

/**
 * The app's logger. Nothing that identifies a patient is ever passed to it; the redaction list is
 * a backstop in case a future change slips, so that such a value is censored rather than written.
 */
export const REDACTED_LOG_PATHS = [
  "nhsNumber",
  "*.nhsNumber",
  "patient",
  "*.patient",
  "birthDate",
  "*.birthDate",
  "family",
  "*.family",
  "given",
  "*.given",
  "postalCode",
  "*.postalCode",
  "idToken",
  "*.idToken",
  "accessToken",
  "*.accessToken",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
];

const level = process.env.LOG_LEVEL ?? "info";

export const logger = pino({
  level: ["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(level) ? level : "info",
  base: { service: "care-record-viewer" },
  redact: { paths: REDACTED_LOG_PATHS, censor: "[redacted]" },
});
