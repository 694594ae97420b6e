import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isValidNhsNumber } from "../../lib/format/nhs-number";
import { searchEntry, searchset, sendFhir } from "../common/fhir";
import { organisationByDosServiceId } from "../world/organisations";
import { NHS_APIS } from "../../lib/nhs/catalogue";

export const BARS_BASE_PATH = NHS_APIS.bars.basePath;
const DOS_SYSTEM = "https://fhir.nhs.uk/Id/dos-service-id";
const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Prefix = "SEND" | "REC" | "PROXY";

const STATUS_CODES: Record<number, { code: string; issue: string; diagnostics: string }> = {
  400: { code: "BAD_REQUEST", issue: "invalid", diagnostics: "The request was not valid" },
  401: { code: "UNAUTHORIZED", issue: "forbidden", diagnostics: "The request was not authorised" },
  403: { code: "FORBIDDEN", issue: "forbidden", diagnostics: "The receiver refused the request" },
  404: { code: "NOT_FOUND", issue: "not-found", diagnostics: "The resource was not found" },
  405: { code: "METHOD_NOT_ALLOWED", issue: "not-supported", diagnostics: "The method is not allowed on this endpoint" },
  406: { code: "NOT_ACCEPTABLE", issue: "processing", diagnostics: "The receiver cannot produce the requested format" },
  408: { code: "TIMEOUT", issue: "timeout", diagnostics: "The receiver did not respond in time" },
  409: { code: "CONFLICT", issue: "duplicate", diagnostics: "The message has already been received" },
  422: { code: "UNPROCESSABLE_ENTITY", issue: "not-supported", diagnostics: "The receiver could not process the message" },
  500: { code: "SERVER_ERROR", issue: "exception", diagnostics: "The receiver had an internal error" },
  501: { code: "NOT_IMPLEMENTED", issue: "not-supported", diagnostics: "The receiver does not support this interaction" },
  503: { code: "SERVICE_UNAVAILABLE", issue: "transient", diagnostics: "The receiver is unavailable" },
  504: { code: "GATEWAY_TIMEOUT", issue: "timeout", diagnostics: "The receiver did not respond before the gateway timed out" },
};

function barsError(reply: FastifyReply, status: number, prefix: Prefix, diagnostics?: string) {
  const known = STATUS_CODES[status] ?? STATUS_CODES[500];
  return sendFhir(reply, status, {
    resourceType: "OperationOutcome",
    id: randomUUID(),
    meta: { profile: ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-OperationOutcome"] },
    issue: [
      {
        severity: "error",
        code: known.issue,
        details: { coding: [{ system: "https://fhir.nhs.uk/Codesystem/http-error-codes", code: `${prefix}_${known.code}` }] },
        diagnostics: diagnostics ?? known.diagnostics,
      },
    ],
  });
}

function decodeBase64Json(value: string | undefined): Record<string, unknown> | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64").toString("utf8"));
    return parsed && typeof parsed === "object" ? parsed : null;
  } catch {
    return null;
  }
}

interface Target {
  system: string;
  value: string;
}

/** The API platform's checks before a message reaches any receiver, then the receiver's own header checks. */
async function checkRequest(request: FastifyRequest, reply: FastifyReply): Promise<Target | null> {
  const target = decodeBase64Json(request.headers["nhsd-target-identifier"] as string | undefined);
  if (!target || typeof target.system !== "string" || typeof target.value !== "string") {
    await barsError(reply, 400, "PROXY", "NHSD-Target-Identifier must be base64-encoded JSON with a system and a value");
    return null;
  }
  const errorTarget = target.system === "tests" && target.value.startsWith("NHS");
  const dosTarget = target.system === DOS_SYSTEM && target.value.startsWith("2000");
  if (!errorTarget && !dosTarget) {
    await barsError(reply, 404, "PROXY", "No receiver is registered for that NHSD-Target-Identifier");
    return null;
  }
  for (const name of ["x-request-id", "x-correlation-id"]) {
    const value = request.headers[name];
    if (typeof value !== "string" || !UUID.test(value)) {
      await barsError(reply, 400, "SEND", `The ${name} header must be a UUID`);
      return null;
    }
  }
  for (const name of ["nhsd-requesting-software", "nhsd-end-user-organisation"]) {
    if (!decodeBase64Json(request.headers[name] as string | undefined)) {
      await barsError(reply, 400, "SEND", `The ${name} header must be base64-encoded FHIR JSON`);
      return null;
    }
  }
  if (errorTarget) {
    // The NHS sandbox's error targets: NHS0001-400, NHS0001-503 and so on.
    const status = Number(/^NHS\d+-(\d{3})/.exec(target.value)?.[1]);
    if (status >= 400 && status <= 599) {
      if (status === 503) reply.header("retry-after", "5");
      await barsError(reply, status, "REC");
      return null;
    }
  }
  return target as unknown as Target;
}

interface Received {
  bundleId: string;
  messageHeaderId: string;
  serviceRequest?: Record<string, unknown> & { id: string };
  appointment?: Record<string, unknown> & { id: string };
  nhsNumber: string;
  target: Target;
  receivedAt: string;
}

/** What receivers hold: messages received through the stand-in, plus the NHS sandbox's examples. */
export class BarsReceiver {
  readonly received = new Map<string, Received>();

  constructor() {
    const example = (id: string, nhsNumber: string, start: string): Received => ({
      bundleId: randomUUID(),
      messageHeaderId: randomUUID(),
      nhsNumber,
      target: { system: DOS_SYSTEM, value: "2000072489" },
      receivedAt: "2026-11-18T09:00:00+00:00",
      serviceRequest: {
        resourceType: "ServiceRequest",
        id,
        status: "active",
        intent: "plan",
        category: [{ coding: [{ system: "http://snomed.info/sct", code: "3457005", display: "Patient referral" }] }],
        code: { coding: [{ system: "http://snomed.info/sct", code: "1052951000000105", display: "Assessment of urgent care needs" }] },
        subject: { identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } },
        authoredOn: "2026-11-18T09:00:00+00:00",
        reasonCode: [{ text: "Cut to the hand needing closure" }],
      },
      appointment: {
        resourceType: "Appointment",
        id,
        status: "booked",
        description: "Urgent treatment centre appointment",
        start,
        end: new Date(Date.parse(start) + 15 * 60_000).toISOString(),
        basedOn: [{ reference: `ServiceRequest/${id}` }],
        participant: [{ actor: { identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } }, status: "accepted" }],
      },
    });
    this.store(example("c3f6145e-1a26-4345-b3f2-dccbcba62049", "9693632109", "2026-11-18T11:30:00.000Z"));
    this.store(example("91607239-b002-470a-8709-6b25bd50fdd1", "9000000009", "2026-11-20T15:00:00.000Z"));
  }

  store(message: Received) {
    this.received.set(message.bundleId, message);
  }

  serviceRequests() {
    return [...this.received.values()].filter((message) => message.serviceRequest);
  }

  appointments() {
    return [...this.received.values()].filter((message) => message.appointment);
  }
}

interface MessageBundle {
  resourceType?: string;
  id?: string;
  type?: string;
  entry?: Array<{ fullUrl?: string; resource?: Record<string, unknown> & { resourceType?: string; id?: string } }>;
}

/** The receiver books the patient into its next free quarter hour at least 30 minutes ahead. */
function bookedAppointment(serviceRequestId: string, nhsNumber: string, serviceName: string): Received["appointment"] {
  const start = new Date(Math.ceil((Date.now() + 30 * 60_000) / 900_000) * 900_000);
  return {
    resourceType: "Appointment",
    id: randomUUID(),
    status: "booked",
    description: `Appointment at ${serviceName}`,
    start: start.toISOString(),
    end: new Date(start.getTime() + 15 * 60_000).toISOString(),
    created: new Date().toISOString(),
    basedOn: [{ reference: `ServiceRequest/${serviceRequestId}` }],
    participant: [{ actor: { identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } }, status: "accepted" }],
  };
}

/** Where a BaRS resource lives in a Bundle: the URN of its id. */
const uuidUrn = (resource: { id?: unknown }) => `urn:uuid:${String(resource.id)}`;

export function registerBars(app: FastifyInstance, receiver = new BarsReceiver()) {
  const methodNotAllowed = (allow: string) => async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header("allow", allow);
    return barsError(reply, 405, "PROXY");
  };

  app.get(`${BARS_BASE_PATH}/metadata`, async (_request, reply) =>
    sendFhir(reply, 200, {
      resourceType: "CapabilityStatement",
      id: "bars-stand-in",
      status: "active",
      date: "2026-11-01T00:00:00+00:00",
      publisher: "Care Record Viewer stand-in",
      kind: "instance",
      fhirVersion: "4.0.1",
      format: ["application/fhir+json"],
      rest: [
        {
          mode: "server",
          resource: [
            { type: "ServiceRequest", interaction: [{ code: "read" }, { code: "search-type" }] },
            { type: "Appointment", interaction: [{ code: "read" }, { code: "search-type" }] },
            { type: "Slot", interaction: [{ code: "search-type" }] },
          ],
          operation: [{ name: "process-message", definition: "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message" }],
        },
      ],
    }),
  );

  app.post<{ Body: MessageBundle }>(`${BARS_BASE_PATH}/$process-message`, async (request, reply) => {
    const target = await checkRequest(request, reply);
    if (!target) return reply;
    const bundle = request.body;
    const header = bundle?.entry?.[0]?.resource;
    if (bundle?.resourceType !== "Bundle" || bundle.type !== "message" || !bundle.id || header?.resourceType !== "MessageHeader") {
      return barsError(reply, 400, "REC", "The body must be a message Bundle with an id, whose first entry is a MessageHeader");
    }
    const event = (header.eventCoding as { code?: string } | undefined)?.code;
    if (event !== "servicerequest-request" && event !== "booking-request") {
      return barsError(reply, 422, "REC", `Unsupported message event ${String(event).slice(0, 40)}`);
    }
    const previous = receiver.received.get(bundle.id);
    if (previous) {
      return barsError(reply, 409, "REC", `Message ${bundle.id} was already received at ${previous.receivedAt}`);
    }
    const resources = bundle.entry!.map((entry) => entry.resource ?? {});
    const serviceRequest = resources.find((resource) => resource.resourceType === "ServiceRequest");
    const appointment = resources.find((resource) => resource.resourceType === "Appointment");
    const patient = resources.find((resource) => resource.resourceType === "Patient");
    const nhsNumber = (patient?.identifier as Array<{ system?: string; value?: string }> | undefined)?.find(
      (identifier) => identifier.system === NHS_NUMBER_SYSTEM,
    )?.value;
    if (event === "servicerequest-request" && !serviceRequest) return barsError(reply, 400, "REC", "A referral message must contain a ServiceRequest");
    if (!nhsNumber || !isValidNhsNumber(nhsNumber)) return barsError(reply, 400, "REC", "The message must contain a Patient with a valid NHS number");
    const receivedAt = new Date().toISOString();
    const stored: Received = {
      bundleId: bundle.id,
      messageHeaderId: String(header.id ?? randomUUID()),
      nhsNumber,
      target,
      receivedAt,
      ...(serviceRequest ? { serviceRequest: { ...serviceRequest, id: serviceRequest.id ?? randomUUID() } as Received["serviceRequest"] } : {}),
      ...(appointment ? { appointment: { ...appointment, id: appointment.id ?? randomUUID() } as Received["appointment"] } : {}),
    };
    const service = organisationByDosServiceId(target.value);
    if (service?.booksOnReferral && stored.serviceRequest && !stored.appointment) {
      stored.appointment = bookedAppointment(stored.serviceRequest.id, nhsNumber, service.name);
    }
    receiver.store(stored);
    return sendFhir(reply, 200, {
      resourceType: "Bundle",
      id: randomUUID(),
      type: "message",
      timestamp: receivedAt,
      entry: [
        {
          fullUrl: `urn:uuid:${randomUUID()}`,
          resource: {
            resourceType: "MessageHeader",
            id: randomUUID(),
            eventCoding: { system: "https://fhir.nhs.uk/CodeSystem/message-events-bars", code: event.replace("-request", "-response") },
            source: { endpoint: `${DOS_SYSTEM}|${target.value}`, ...(service ? { name: service.name } : {}) },
            response: { identifier: stored.messageHeaderId, code: "ok" },
            focus: [
              ...(stored.serviceRequest ? [{ reference: `ServiceRequest/${stored.serviceRequest.id}` }] : []),
              ...(stored.appointment ? [{ reference: `Appointment/${stored.appointment.id}` }] : []),
            ],
          },
        },
      ],
    });
  });
  app.route({ method: ["GET", "PUT", "DELETE", "PATCH"], url: `${BARS_BASE_PATH}/$process-message`, handler: methodNotAllowed("POST") });

  for (const kind of ["ServiceRequest", "Appointment"] as const) {
    const pick = (message: Received) => (kind === "ServiceRequest" ? message.serviceRequest : message.appointment);
    const held = () => (kind === "ServiceRequest" ? receiver.serviceRequests() : receiver.appointments());
    app.get<{ Params: { id: string } }>(`${BARS_BASE_PATH}/${kind}/:id`, async (request, reply) => {
      if (!(await checkRequest(request, reply))) return reply;
      const found = held().find((message) => pick(message)?.id === request.params.id);
      if (!found) return barsError(reply, 404, "REC", `${kind}/${request.params.id.slice(0, 40)} was not found`);
      return sendFhir(reply, 200, pick(found));
    });
    app.get<{ Querystring: Record<string, string | undefined> }>(`${BARS_BASE_PATH}/${kind}`, async (request, reply) => {
      if (!(await checkRequest(request, reply))) return reply;
      const [system, nhsNumber] = (request.query["patient:identifier"] ?? "").split("|");
      if (system !== NHS_NUMBER_SYSTEM || !nhsNumber || !isValidNhsNumber(nhsNumber)) {
        return barsError(reply, 400, "REC", "patient:identifier must be https://fhir.nhs.uk/Id/nhs-number|<a valid NHS number>");
      }
      return sendFhir(
        reply,
        200,
        searchset(
          held()
            .filter((message) => message.nhsNumber === nhsNumber)
            .map((message) => pick(message)!),
          uuidUrn,
        ),
      );
    });
    app.route({ method: ["DELETE"], url: `${BARS_BASE_PATH}/${kind}/:id`, handler: methodNotAllowed("GET, PUT, PATCH") });
  }

  app.get<{ Querystring: Record<string, string | undefined> }>(`${BARS_BASE_PATH}/Slot`, async (request, reply) => {
    const target = await checkRequest(request, reply);
    if (!target) return reply;
    if (request.query.status !== "free") return barsError(reply, 400, "REC", "status=free is required");
    const scheduleId = randomUUID();
    const now = Date.now();
    const slots = Array.from({ length: 6 }, (_, index) => {
      const start = new Date(Math.ceil((now + (index + 1) * 45 * 60_000) / 900_000) * 900_000);
      return {
        resourceType: "Slot",
        id: randomUUID(),
        schedule: { reference: `Schedule/${scheduleId}` },
        status: "free",
        start: start.toISOString(),
        end: new Date(start.getTime() + 15 * 60_000).toISOString(),
      };
    });
    return sendFhir(reply, 200, {
      resourceType: "Bundle",
      id: randomUUID(),
      type: "searchset",
      total: slots.length,
      entry: [
        ...slots.map((slot) => searchEntry(uuidUrn(slot), "match", slot)),
        searchEntry(`urn:uuid:${scheduleId}`, "include", {
          resourceType: "Schedule",
          id: scheduleId,
          active: true,
          actor: [{ identifier: { system: DOS_SYSTEM, value: target.value } }],
        }),
      ],
    });
  });
}
