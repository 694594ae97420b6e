import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isValidNhsNumber } from "../../lib/format/nhs-number";
import { findOrganisation } from "../world/organisations";
import { textPdf } from "./pdf";
import { ALLOWED_POINTER_TYPES, POINTER_TYPES, POINTERS, type DemoPointer, type PointerType } from "./pointers";
import { NHS_APIS } from "../../lib/nhs/catalogue";

export const NRL_BASE_PATH = NHS_APIS.nrl.basePath;
export const NRL_DOCUMENTS_PATH = "/_stand-in/nrl-documents";
const NRL_CONTENT_TYPE = "application/fhir+json;version=1";
const SNOMED = "http://snomed.info/sct";
const ODS = "https://fhir.nhs.uk/Id/ods-organization-code";

/** NRL's media type exactly as NRL sends it (Fastify would otherwise rewrite the parameter). */
function sendNrl(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).header("content-type", NRL_CONTENT_TYPE).send(JSON.stringify(body));
}

function nrlError(reply: FastifyReply, status: 400 | 403 | 404, errorCode: string, display: string, diagnostics: string) {
  return sendNrl(reply, status, {
    resourceType: "OperationOutcome",
    id: crypto.randomUUID(),
    issue: [
      {
        severity: "error",
        code: status === 404 ? "not-found" : status === 403 ? "forbidden" : "invalid",
        details: { coding: [{ system: "https://fhir.nhs.uk/ValueSet/Spine-ErrorOrWarningCode-1", code: errorCode, display }] },
        diagnostics,
      },
    ],
  });
}

/** The requesting organisation's allowed pointer types, or the refusal already sent. */
async function allowedTypes(request: FastifyRequest, reply: FastifyReply): Promise<PointerType[] | null> {
  const ods = request.headers["nhsd-end-user-organisation-ods"];
  if (typeof ods !== "string" || ods.length === 0) {
    await nrlError(reply, 400, "INVALID_REQUEST", "Invalid request", "The NHSD-End-User-Organisation-ODS header must be supplied");
    return null;
  }
  const allowed = ALLOWED_POINTER_TYPES[ods.toUpperCase()];
  if (!allowed) {
    await nrlError(reply, 403, "ACCESS_DENIED", "Access has been denied to process this request", "Provided ODS code has no pointers within requesting app");
    return null;
  }
  return allowed;
}

function toDocumentReference(pointer: DemoPointer, publicBaseUrl: string) {
  const type = POINTER_TYPES[pointer.type];
  const custodian = findOrganisation(pointer.custodianOdsCode);
  return {
    resourceType: "DocumentReference",
    id: pointer.id,
    meta: { versionId: "1", lastUpdated: pointer.date },
    masterIdentifier: { system: "urn:ietf:rfc:3986", value: `urn:oid:1.3.6.1.4.1.21367.2005.3.7.${pointer.id.replace(/\D/g, "")}` },
    status: pointer.status,
    type: { coding: [{ system: SNOMED, code: pointer.type, display: type.display }] },
    category: [{ coding: [{ system: SNOMED, code: type.category.code, display: type.category.display }] }],
    subject: { identifier: { system: "https://fhir.nhs.uk/Id/nhs-number", value: pointer.nhsNumber } },
    date: pointer.date,
    author: [{ identifier: { system: ODS, value: pointer.authorOdsCode } }],
    custodian: { identifier: { system: ODS, value: pointer.custodianOdsCode }, ...(custodian ? { display: custodian.name } : {}) },
    description: pointer.title,
    content: [
      {
        attachment: {
          contentType: pointer.content.contentType,
          language: "en-UK",
          url: `${publicBaseUrl}${NRL_DOCUMENTS_PATH}/${pointer.id}`,
          title: pointer.title,
          creation: pointer.date,
        },
        format:
          pointer.content.contentType === "application/pdf"
            ? { system: "https://fhir.nhs.uk/England/CodeSystem/England-NRLFormatCode", code: "urn:nhs-ic:unstructured", display: "Unstructured Document" }
            : {
                system: "https://fhir.nhs.uk/England/CodeSystem/England-NRLFormatCode",
                code: "urn:nhs-ic:record-contact",
                display: "Contact details (HTTP Unsecured)",
              },
        extension: [
          {
            url: "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-ContentStability",
            valueCodeableConcept: {
              coding: [{ system: "https://fhir.nhs.uk/England/CodeSystem/England-NRLContentStability", code: "static", display: "Static" }],
            },
          },
        ],
      },
    ],
    context: { practiceSetting: { coding: [{ system: SNOMED, code: "788002001", display: "Adult mental health service" }] } },
  };
}

interface SearchParameters {
  "subject:identifier"?: string;
  type?: string;
  category?: string;
  "custodian:identifier"?: string;
  _summary?: string;
}

export function registerNrl(app: FastifyInstance, publicBaseUrl: string) {
  async function search(parameters: SearchParameters, request: FastifyRequest, reply: FastifyReply) {
    const allowed = await allowedTypes(request, reply);
    if (!allowed) return reply;
    const [system, nhsNumber] = (parameters["subject:identifier"] ?? "").split("|");
    if (system !== "https://fhir.nhs.uk/Id/nhs-number" || !nhsNumber || !isValidNhsNumber(nhsNumber)) {
      return nrlError(reply, 400, "INVALID_NHS_NUMBER", "Invalid NHS number", "A valid NHS number is required to search for document references");
    }
    let types = allowed;
    if (parameters.type) {
      const [typeSystem, code] = parameters.type.split("|");
      if (typeSystem !== SNOMED || !code || !(code in POINTER_TYPES)) {
        return nrlError(reply, 400, "INVALID_CODE_SYSTEM", "Invalid code system", "The type parameter must be http://snomed.info/sct|<a pointer type code>");
      }
      if (!allowed.includes(code as PointerType)) {
        return nrlError(
          reply,
          403,
          "ACCESS_DENIED",
          "Access has been denied to process this request",
          "The requested document type is not in the list of pointer types allowed for this organisation",
        );
      }
      types = [code as PointerType];
    }
    const custodian = parameters["custodian:identifier"]?.split("|").pop();
    const category = parameters.category?.split("|").pop();
    const found = POINTERS.filter(
      (pointer) =>
        pointer.nhsNumber === nhsNumber &&
        pointer.status === "current" &&
        types.includes(pointer.type) &&
        (!custodian || pointer.custodianOdsCode === custodian) &&
        (!category || POINTER_TYPES[pointer.type].category.code === category),
    ).sort((a, b) => b.date.localeCompare(a.date));
    return sendNrl(reply, 200, {
      resourceType: "Bundle",
      type: "searchset",
      total: found.length,
      ...(parameters._summary === "count" ? {} : { entry: found.map((pointer) => ({ resource: toDocumentReference(pointer, publicBaseUrl) })) }),
    });
  }

  app.get<{ Querystring: SearchParameters }>(`${NRL_BASE_PATH}/DocumentReference`, async (request, reply) => search(request.query, request, reply));
  app.post<{ Body: SearchParameters }>(`${NRL_BASE_PATH}/DocumentReference/_search`, async (request, reply) => search(request.body ?? {}, request, reply));

  app.get<{ Params: { id: string } }>(`${NRL_BASE_PATH}/DocumentReference/:id`, async (request, reply) => {
    const allowed = await allowedTypes(request, reply);
    if (!allowed) return reply;
    // consumers are given current pointers only (NRL consumer spec: a pointer's status is "current")
    const pointer = POINTERS.find((candidate) => candidate.id === request.params.id && candidate.status === "current");
    if (!pointer) return nrlError(reply, 404, "RESOURCE_NOT_FOUND", "Resource not found", "Document Reference not found");
    if (!allowed.includes(pointer.type)) {
      return nrlError(
        reply,
        403,
        "ACCESS_DENIED",
        "Access has been denied to process this request",
        "The document type of this pointer is not allowed for this organisation",
      );
    }
    return sendNrl(reply, 200, toDocumentReference(pointer, publicBaseUrl));
  });

  // Where the pointers' content lives: a custodian's document server, reached through the stand-in.
  app.get<{ Params: { id: string } }>(`${NRL_DOCUMENTS_PATH}/:id`, async (request, reply) => {
    const pointer = POINTERS.find((candidate) => candidate.id === request.params.id);
    if (!pointer) return reply.code(404).type("text/plain").send("Not found");
    if (pointer.content.contentType === "application/pdf") {
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${pointer.id}.pdf"`)
        .send(textPdf(pointer.title, pointer.content.lines));
    }
    return reply.type("application/fhir+json").send(pointer.content.resource);
  });
}
