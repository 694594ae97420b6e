import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { NHS_APIS } from "../../lib/nhs/catalogue";
import { sendFhir } from "../common/fhir";
import type { FhirPatient } from "../pds/fixtures";
import { gpConnectProviderAt } from "../sds/routes";
import { structuredBundle, type SectionsAsked } from "./bundle";
import { gpRecordFor, WITHHELD } from "./records";

export const SSP_BASE_PATH = NHS_APIS.gpconnect.basePath;
export const STRUCTURED_INTERACTION = "urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1";
const OPERATION = "/Patient/$gpc.getstructuredrecord";
const ERROR_SYSTEM = "https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1";
/** How far in the future a token's iat may be, in seconds (the reference provider allows for clock drift). */
const CLOCK_LEEWAY_SECONDS = 5;

function gpcOutcome(reply: FastifyReply, status: number, code: string, display: string, issueCode: string, diagnostics?: string) {
  return sendFhir(reply, status, {
    resourceType: "OperationOutcome",
    meta: { profile: ["https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1"] },
    issue: [{ severity: "error", code: issueCode, details: { coding: [{ system: ERROR_SYSTEM, code, display }] }, ...(diagnostics ? { diagnostics } : {}) }],
  });
}

const badRequest = (reply: FastifyReply, diagnostics: string) => gpcOutcome(reply, 400, "BAD_REQUEST", "Bad request", "invalid", diagnostics);

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === "string" && value.trim() ? value.trim() : null;
};

/**
 * The SSP's own checks, then the reference provider's: each Ssp-* header present (their messages joined as the
 * reference provider joins them), Ssp-To the ASID SDS holds for the address, the interaction the one this path
 * serves. Returns a reason to refuse with 400, or null.
 */
function sspHeaderProblems(request: FastifyRequest, providerAsid: string | null): string | null {
  const problems: string[] = [];
  if (!header(request, "ssp-traceid")) problems.push("SSP-TraceID header blank");
  if (!header(request, "ssp-from")) problems.push("SSP-From header blank");
  const to = header(request, "ssp-to");
  if (!to) problems.push("SSP-To header blank");
  else if (providerAsid !== null && to !== providerAsid) problems.push("SSP-To header does not match ASID of system");
  if (header(request, "ssp-interactionid") !== STRUCTURED_INTERACTION) problems.push("InteractionId Incorrect");
  return problems.length ? problems.join(",") : null;
}

type Claims = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const identifierValue = (resource: unknown, system: string) =>
  isObject(resource) && Array.isArray(resource.identifier)
    ? (resource.identifier as unknown[]).find((entry) => isObject(entry) && entry.system === system && typeof entry.value === "string")
    : undefined;

/** GP Connect's JWT, checked claim by claim as the reference provider does; a reason to refuse with 400, or null. */
export function jwtProblem(authorization: string | undefined, audience: string, nowSeconds: number): string | null {
  const match = /^Bearer (\S+)$/.exec(authorization ?? "");
  if (!match) return "Authorization header missing or not a Bearer token";
  const parts = match[1].split(".");
  if (parts.length !== 3) return "JWT is not header.payload.signature";
  let headerJson: Claims;
  let claims: Claims;
  try {
    headerJson = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as Claims;
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as Claims;
  } catch {
    return "JWT is not base64url-encoded JSON";
  }
  if (headerJson.alg !== "none" || parts[2] !== "") return "JWT must be unsigned (alg none, empty signature)";
  const device = claims.requesting_device;
  const organisation = claims.requesting_organization;
  const practitioner = claims.requesting_practitioner;
  const complete =
    typeof claims.iss === "string" &&
    typeof claims.sub === "string" &&
    typeof claims.aud === "string" &&
    typeof claims.iat === "number" &&
    typeof claims.exp === "number" &&
    typeof claims.reason_for_request === "string" &&
    typeof claims.requested_scope === "string" &&
    isObject(device) &&
    device.resourceType !== undefined &&
    typeof device.model === "string" &&
    typeof device.version === "string" &&
    Array.isArray(device.identifier) &&
    isObject(organisation) &&
    organisation.resourceType !== undefined &&
    typeof organisation.name === "string" &&
    identifierValue(organisation, "https://fhir.nhs.uk/Id/ods-organization-code") !== undefined &&
    isObject(practitioner) &&
    practitioner.resourceType !== undefined &&
    typeof practitioner.id === "string" &&
    Array.isArray(practitioner.name) &&
    identifierValue(practitioner, "https://fhir.nhs.uk/Id/sds-user-id") !== undefined &&
    identifierValue(practitioner, "https://fhir.nhs.uk/Id/sds-role-profile-id") !== undefined;
  if (!complete) return "JSON Incomplete";
  if ((claims.iat as number) > nowSeconds + CLOCK_LEEWAY_SECONDS) return "Creation time is in the future";
  if ((claims.exp as number) - (claims.iat as number) !== 300) return "JWT expiry time is not 5 minutes after the creation time";
  if ((claims.exp as number) < nowSeconds) return "JWT has expired";
  if (claims.reason_for_request !== "directcare") return "Reason for request is not directcare";
  if (device!.resourceType !== "Device" || organisation!.resourceType !== "Organization" || practitioner!.resourceType !== "Practitioner")
    return "Invalid Resource Type";
  if (practitioner!.id !== claims.sub) return "Practitioner ids do not match!";
  if (claims.requested_scope !== "patient/*.read" && claims.requested_scope !== "patient/*.write") return "Bad Request";
  if (claims.aud !== audience) return "Bad Request";
  return null;
}

const parameterSchema = (value: unknown) =>
  isObject(value) && value.resourceType === "Parameters" && Array.isArray(value.parameter) ? (value.parameter as Array<Record<string, unknown>>) : null;

const part = (parameter: Record<string, unknown> | undefined, name: string) =>
  Array.isArray(parameter?.part) ? (parameter.part as Array<Record<string, unknown>>).find((entry) => entry.name === name) : undefined;

/** What the Parameters ask for, or the provider's 422 reason. */
function readParameters(parameters: Array<Record<string, unknown>>): { nhsNumber: string; asked: SectionsAsked } | { problem: string } {
  const named = (name: string) => parameters.find((parameter) => parameter.name === name);
  const identifier = named("patientNHSNumber")?.valueIdentifier;
  const nhsNumber = isObject(identifier) && typeof identifier.value === "string" ? identifier.value : null;
  if (!nhsNumber) return { problem: "patientNHSNumber is a mandatory parameter" };
  const allergies = named("includeAllergies");
  const resolved = part(allergies, "includeResolvedAllergies");
  if (allergies && typeof resolved?.valueBoolean !== "boolean") return { problem: "includeResolvedAllergies is a mandatory part of includeAllergies" };
  const medication = named("includeMedication");
  const consultations = named("includeConsultations");
  const latest = part(consultations, "includeNumberOfMostRecent")?.valuePositiveInt;
  return {
    nhsNumber,
    asked: {
      allergies: allergies ? { resolved: resolved?.valueBoolean === true } : null,
      medication: medication ? { issues: part(medication, "includePrescriptionIssues")?.valueBoolean !== false } : null,
      consultations: consultations ? (typeof latest === "number" ? latest : "all") : null,
      problems: Boolean(named("includeProblems")),
      immunisations: Boolean(named("includeImmunisations")),
      investigations: Boolean(named("includeInvestigations")),
      referrals: Boolean(named("includeReferrals")),
    },
  };
}

function parseBody(body: unknown): unknown {
  if (typeof body !== "string") return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

/**
 * The Spine Secure Proxy and, behind it, each stand-in practice's GP Connect provider: the SSP takes the provider's
 * address (from SDS) after its own base path, checks the Ssp-* headers against SDS and the JWT, and the provider
 * answers the structured record operation for patients registered with it (PDS's GP), with GP Connect's errors.
 */
export function registerGpConnect(app: FastifyInstance, patient: (nhsNumber: string) => FhirPatient | undefined) {
  app.post(`${SSP_BASE_PATH}/*`, async (request, reply) => {
    const target = (request.params as { "*": string })["*"];
    const provider = target.endsWith(OPERATION) ? gpConnectProviderAt(target.slice(0, -OPERATION.length)) : undefined;
    const headerProblems = sspHeaderProblems(request, provider?.asid ?? null);
    if (headerProblems) return badRequest(reply, headerProblems);
    if (!provider || target.slice(0, -OPERATION.length).replace(/\/+$/, "") !== provider.address)
      return gpcOutcome(reply, 404, "NO_RECORD_FOUND", "No record found", "not-found", "No GP Connect provider is registered in SDS at this address");
    const problem = jwtProblem(request.headers.authorization, provider.address, Math.floor(Date.now() / 1000));
    if (problem) return badRequest(reply, problem);

    const parameters = parameterSchema(parseBody(request.body));
    if (!parameters) return gpcOutcome(reply, 422, "INVALID_RESOURCE", "Invalid resource", "invalid", "The body must be a Parameters resource");
    const read = readParameters(parameters);
    if ("problem" in read) return gpcOutcome(reply, 422, "INVALID_PARAMETER", "Invalid parameter", "invalid", read.problem);
    if (!/^\d{10}$/.test(read.nhsNumber)) return gpcOutcome(reply, 400, "INVALID_NHS_NUMBER", "Invalid NHS number", "value");

    const withheld = WITHHELD[read.nhsNumber];
    if (withheld === "no-consent")
      return gpcOutcome(
        reply,
        403,
        "NO_PATIENT_CONSENT",
        "Patient has not provided consent to share data",
        "forbidden",
        "Patient has dissented to sharing their record",
      );
    const registered = patient(read.nhsNumber);
    const gp = (registered?.generalPractitioner as Array<{ identifier?: { value?: string } }> | undefined)?.[0]?.identifier?.value;
    const record = gpRecordFor(read.nhsNumber);
    // sensitive, deceased, not registered here, not known: one answer, as GP Connect gives it
    if (withheld || !record || gp !== provider.odsCode || record.practiceOds !== provider.odsCode)
      return gpcOutcome(reply, 404, "PATIENT_NOT_FOUND", "Patient not found", "not-found");
    return sendFhir(reply, 200, structuredBundle(record, registered, read.asked, new Date()));
  });
}
