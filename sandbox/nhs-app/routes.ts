import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { NHS_APIS } from "../../lib/nhs/catalogue";
import { isValidNhsNumber } from "../../lib/format/nhs-number";

export const NHS_APP_BASE_PATH = NHS_APIS["nhs-app"].basePath;
const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
const REQUEST_ID_SYSTEM = "https://fhir.nhs.uk/NHSApp/request-id";
const CAMPAIGN_ID_SYSTEM = "https://fhir.nhs.uk/NHSApp/campaign-id";
const COMMUNICATION_ID_SYSTEM = "https://fhir.nhs.uk/Id/nhs-app-communication-id";
const STATUS_SYSTEM = "https://fhir.nhs.uk/CodeSystem/NHSApp-Communication-Status";
const HTML = /<(.|\n)*?>/;
/** How long after delivery the stand-in's patients read a message. */
export const READ_AFTER_MILLISECONDS = 60_000;
const PAGE_SIZE = 50;

/**
 * The demo patients with the NHS App (P9): Jane SMITH and 9000000076 (the record with markup in it) with
 * notifications on, Bill GARTON with them off. Every other
 * NHS number has no NHS App account, so a message to it is accepted and then rejected in the receipts report, as
 * the API does.
 */
export const NHS_APP_USERS: ReadonlyMap<string, { notificationsEnabled: boolean }> = new Map([
  ["9000000009", { notificationsEnabled: true }],
  ["9000000076", { notificationsEnabled: true }],
  ["9693632109", { notificationsEnabled: false }],
]);

export interface SentMessage {
  id: string;
  channel: "in-app" | "notification";
  nhsNumber: string;
  odsCode: string | null;
  requestReference: string | null;
  campaign: string | null;
  content: string;
  createdAt: number;
}

/** What the stand-in's NHS App has been asked to send, for the receipts report and for tests. */
export class NhsAppMessages {
  readonly sent: SentMessage[] = [];
}

type Issue = { code: "invalid" | "security"; diagnostics: string; expression?: string };

function outcome(reply: FastifyReply, status: number, issues: Issue[]) {
  return reply
    .code(status)
    .type("application/fhir+json")
    .send({
      resourceType: "OperationOutcome",
      issue: issues.map((issue) => ({ severity: "error", ...issue, ...(issue.expression ? { expression: [issue.expression] } : {}) })),
    });
}

type Body = Record<string, unknown>;
const asArray = (value: unknown): Body[] => (Array.isArray(value) ? (value as Body[]) : []);
const asObject = (value: unknown): Body => (value && typeof value === "object" && !Array.isArray(value) ? (value as Body) : {});

/** The spec's checks on a CommunicationRequest, in its order, with its diagnostics and expressions. */
function problemsOf(body: Body, channel: SentMessage["channel"]): Issue[] {
  if (body.resourceType !== "CommunicationRequest")
    return [{ code: "invalid", diagnostics: `type (at Cannot locate type information for type '${String(body.resourceType ?? "").toLowerCase()}')` }];
  const issues: Issue[] = [];
  if (body.status !== "active") issues.push({ code: "invalid", diagnostics: "Must be 'active'", expression: "status" });
  const identifiers = asArray(body.identifier);
  const systems = identifiers.map((identifier) => identifier.system);
  if (new Set(systems).size !== systems.length) issues.push({ code: "invalid", diagnostics: "Duplicate identifier system", expression: "identifier" });
  identifiers.forEach((identifier, index) => {
    const value = String(identifier.value ?? "");
    if (value.length > 128) issues.push({ code: "invalid", diagnostics: "Exceeds maximum length", expression: `identifier[${index}].value` });
    else if (HTML.test(value)) issues.push({ code: "invalid", diagnostics: "Must not contain HTML", expression: `identifier[${index}].value` });
  });
  const recipients = asArray(body.recipient);
  if (recipients.length === 0) issues.push({ code: "invalid", diagnostics: "Not specified", expression: "recipient" });
  else if (recipients.length > 1) issues.push({ code: "invalid", diagnostics: "Exceeds maximum length", expression: "recipient" });
  else {
    const identifier = asObject(recipients[0]!.identifier);
    if (identifier.system !== NHS_NUMBER_SYSTEM)
      issues.push({ code: "invalid", diagnostics: "Identifier system is invalid", expression: "recipient[0].identifier.system" });
    else if (typeof identifier.value !== "string" || !isValidNhsNumber(identifier.value))
      issues.push({ code: "invalid", diagnostics: "NHS Number is invalid", expression: "recipient[0].identifier.value" });
  }
  if (channel === "in-app") {
    const requester = asObject(asObject(body.requester).identifier);
    if (requester.system !== ODS_SYSTEM)
      issues.push({ code: "invalid", diagnostics: "Identifier system is invalid", expression: "requester.identifier.system" });
    else if (typeof requester.value !== "string" || !/^[A-Z0-9]{3,10}$/.test(requester.value))
      issues.push({ code: "invalid", diagnostics: "ODS code is invalid", expression: "requester.identifier.value" });
    const content = asObject(asArray(body.payload)[0]).contentString;
    if (typeof content !== "string" || content.trim() === "")
      issues.push({ code: "invalid", diagnostics: "Not specified", expression: "payload[0].contentString" });
    else if (content.length > 5000) issues.push({ code: "invalid", diagnostics: "Exceeds maximum length", expression: "payload[0].contentString" });
    else if (HTML.test(content)) issues.push({ code: "invalid", diagnostics: "Must not contain HTML", expression: "payload[0].contentString" });
  } else {
    const display = asObject(asObject(asArray(body.payload)[0]).contentReference).display;
    if (typeof display !== "string" || display.trim() === "")
      issues.push({ code: "invalid", diagnostics: "Not specified", expression: "payload[0].contentReference.display" });
    else if (display.length > 200) issues.push({ code: "invalid", diagnostics: "Exceeds maximum length", expression: "payload[0].contentReference.display" });
  }
  return issues;
}

/** The receipts a message has produced by `now`: delivery, the notification's fate, and reading. */
function receiptsOf(message: SentMessage, now: number) {
  const user = NHS_APP_USERS.get(message.nhsNumber);
  const events: Array<{ code: string; at: number; reason?: string }> = [];
  if (!user) events.push({ code: "Rejected", at: message.createdAt, reason: "NHS number not found" });
  else {
    if (message.channel === "in-app") events.push({ code: "Delivered", at: message.createdAt });
    events.push(user.notificationsEnabled ? { code: "Notified", at: message.createdAt + 1 } : { code: "Unnotified", at: message.createdAt + 1 });
    if (message.channel === "in-app") events.push({ code: "Read", at: message.createdAt + READ_AFTER_MILLISECONDS });
  }
  return events.filter((event) => event.at <= now);
}

/**
 * The NHS App API (which has no NHS sandbox): both CommunicationRequest endpoints, validated as its spec says,
 * and the daily receipts report by day, paged. Any fault can be injected in front of it; a lost-response fault
 * sends the message and drops the answer, so only the receipts report can tell.
 */
export function registerNhsApp(app: FastifyInstance, messages: NhsAppMessages, publicBaseUrl: string) {
  for (const channel of ["in-app", "notification"] as const) {
    app.post(`${NHS_APP_BASE_PATH}/communication/${channel}/FHIR/R4/CommunicationRequest`, async (request, reply) => {
      const body = asObject(request.body);
      const problems = problemsOf(body, channel);
      if (problems.length) return outcome(reply, 400, problems);
      const identifiers = asArray(body.identifier);
      const valueOf = (system: string) => (identifiers.find((identifier) => identifier.system === system)?.value as string | undefined) ?? null;
      const payload = asObject(asArray(body.payload)[0]);
      const message: SentMessage = {
        id: randomUUID(),
        channel,
        nhsNumber: String(asObject(asArray(body.recipient)[0]!.identifier).value),
        odsCode: (asObject(asObject(body.requester).identifier).value as string | undefined) ?? null,
        requestReference: valueOf(REQUEST_ID_SYSTEM),
        campaign: valueOf(CAMPAIGN_ID_SYSTEM),
        content: channel === "in-app" ? String(payload.contentString) : String(asObject(payload.contentReference).display),
        createdAt: Date.now(),
      };
      messages.sent.push(message);
      return reply
        .code(201)
        .header("location", `${publicBaseUrl}${NHS_APP_BASE_PATH}/communication/${message.id}`)
        .type("application/fhir+json")
        .send({ ...body, identifier: [{ system: COMMUNICATION_ID_SYSTEM, value: message.id }, ...identifiers] });
    });
  }

  app.get<{ Querystring: { day?: string; page?: string } }>(`${NHS_APP_BASE_PATH}/communication/report/receipts/FHIR/R4/Task`, async (request, reply) => {
    const { day, page = "1" } = request.query;
    if (!day) return outcome(reply, 400, [{ code: "invalid", diagnostics: "Not specified", expression: "day" }]);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)))
      return outcome(reply, 400, [{ code: "invalid", diagnostics: "Invalid date", expression: "day" }]);
    const pageNumber = Number(page);
    if (!Number.isInteger(pageNumber) || pageNumber < 1) return outcome(reply, 400, [{ code: "invalid", diagnostics: "Invalid page", expression: "page" }]);
    const now = Date.now();
    const all = messages.sent
      .filter((message) => new Date(message.createdAt).toISOString().slice(0, 10) === day)
      .flatMap((message) => receiptsOf(message, now).map((event) => ({ message, event })));
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const url = (n: number) => `${publicBaseUrl}${NHS_APP_BASE_PATH}/communication/report/receipts/FHIR/R4/Task?day=${day}&page=${n}`;
    return reply
      .code(200)
      .type("application/json")
      .send({
        resourceType: "Bundle",
        type: "searchset",
        total: all.length,
        link: [
          { relation: "self", url: url(pageNumber) },
          { relation: "last", url: url(pages) },
          ...(pageNumber < pages ? [{ relation: "next", url: url(pageNumber + 1) }] : []),
        ],
        entry: all.slice((pageNumber - 1) * PAGE_SIZE, pageNumber * PAGE_SIZE).map(({ message, event }) => {
          const id = randomUUID();
          return {
            fullUrl: `${publicBaseUrl}${NHS_APP_BASE_PATH}/communication/report/receipts/FHIR/R4/Task/${id}`,
            resource: {
              id,
              resourceType: "Task",
              intent: "order",
              identifier: [
                ...(message.campaign ? [{ system: CAMPAIGN_ID_SYSTEM, value: message.campaign }] : []),
                ...(message.requestReference ? [{ system: REQUEST_ID_SYSTEM, value: message.requestReference }] : []),
                { system: COMMUNICATION_ID_SYSTEM, value: message.id },
              ],
              status: event.code === "Rejected" ? "rejected" : "completed",
              ...(event.reason ? { statusReason: event.reason } : {}),
              code: { coding: [{ system: STATUS_SYSTEM, code: event.code }] },
              authoredOn: new Date(message.createdAt).toISOString(),
              lastModified: new Date(event.at).toISOString(),
            },
          };
        }),
      });
  });
}
