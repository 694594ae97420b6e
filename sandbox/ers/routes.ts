import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendFhir } from "../common/fhir";
import { textPdf } from "../nrl/pdf";
import { findOrganisation } from "../world/organisations";
import {
  ERS_ROLES,
  findReferral,
  findService,
  PROVIDER_WORKLISTS,
  REFERRALS,
  REFERRER_WORKLISTS,
  SANDBOX_DEFAULT_ROLES,
  SPECIALTIES,
  type BusinessFunction,
  type DemoReferral,
  type WorklistType,
} from "./referrals";
import { NHS_APIS } from "../../lib/nhs/catalogue";

export const ERS_BASE_PATH = NHS_APIS.ers.basePath;
export const ERS_ATTACHMENT_STORE_PATH = "/_stand-in/ers-attachments";
const STU3 = `${ERS_BASE_PATH}/STU3`;
const R4 = `${ERS_BASE_PATH}/R4`;
const NHS_NUMBER_STU3 = "http://fhir.nhs.net/Id/nhs-number";
const SERVICE_SYSTEM = "http://fhir.nhs.net/Id/ers-service";
const SDS_USER = "http://fhir.nhs.net/Id/sds-user-id";
const ODS = "https://fhir.nhs.uk/Id/ods-organization-code";

const REFERRERS: BusinessFunction[] = ["REFERRING_CLINICIAN", "REFERRING_CLINICIAN_ADMIN", "REFERRING_ADMIN"];
const PROVIDERS: BusinessFunction[] = ["SERVICE_PROVIDER_CLINICIAN", "SERVICE_PROVIDER_CLINICIAN_ADMIN", "SERVICE_PROVIDER_ADMIN"];
const EVERYONE = [...REFERRERS, ...PROVIDERS];

/** What e-RS says each error code means: its OperationOutcome names both. */
const ERROR_DISPLAYS: Record<string, string> = {
  INVALID_PARAMETER: "Invalid parameter",
  SANDBOX_ERROR: "Sandbox error",
  NOT_FOUND: "Not found",
  ACCESS_DENIED: "Access denied",
  REC_UNPROCESSABLE_ENTITY: "Unprocessable entity",
};

function ersError(reply: FastifyReply, status: number, code: string, errorCode: string, diagnostics: string, version: "STU3" | "R4") {
  return sendFhir(reply, status, {
    resourceType: "OperationOutcome",
    // e-RS's STU3 outcomes name their profile, its R4 ones when they were made (as the e-RS spec's examples have them)
    meta: version === "STU3" ? { profile: ["https://fhir.nhs.uk/STU3/StructureDefinition/eRS-OperationOutcome-1"] } : { lastUpdated: new Date().toISOString() },
    issue: [
      {
        severity: "error",
        code,
        details: {
          coding: [
            {
              system:
                version === "STU3" ? "https://fhir.nhs.uk/STU3/CodeSystem/eRS-APIErrorCode-1" : "https://fhir.nhs.uk/CodeSystem/NHSD-API-ErrorOrWarningCode",
              code: errorCode,
              display: ERROR_DISPLAYS[errorCode] ?? errorCode,
            },
          ],
        },
        diagnostics,
      },
    ],
  });
}

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === "string" && value.length > 0 ? value : undefined;
};

/** e-RS's business-function rules: the header is required, must suit the endpoint, and must be one of the user's roles. */
async function refuseBusinessFunction(
  request: FastifyRequest,
  reply: FastifyReply,
  allowed: BusinessFunction[],
  version: "STU3" | "R4",
): Promise<BusinessFunction | null> {
  const businessFunction = header(request, "nhsd-ers-business-function") as BusinessFunction | undefined;
  const deny = async (diagnostics: string) => {
    await ersError(reply, 403, "forbidden", "ACCESS_DENIED", diagnostics, version);
    return null;
  };
  if (!businessFunction) return deny("The NHSD-eRS-Business-Function header is required");
  if (!allowed.includes(businessFunction)) return deny(`The business function ${businessFunction.slice(0, 40)} cannot use this endpoint`);
  const onBehalfOf = header(request, "nhsd-ers-on-behalf-of-user-id");
  if (businessFunction === "SERVICE_PROVIDER_CLINICIAN_ADMIN" && !onBehalfOf)
    return deny("NHSD-eRS-On-Behalf-Of-User-ID is required with SERVICE_PROVIDER_CLINICIAN_ADMIN");
  if (businessFunction !== "SERVICE_PROVIDER_CLINICIAN_ADMIN" && onBehalfOf)
    return deny("NHSD-eRS-On-Behalf-Of-User-ID is only allowed with SERVICE_PROVIDER_CLINICIAN_ADMIN");
  const known = ERS_ROLES[header(request, "nhsd-session-urid") ?? ""];
  const ods = header(request, "nhsd-end-user-organisation-ods");
  if (known && ods && !known.roles.some((role) => role.odsCode === ods && role.functions.includes(businessFunction))) {
    return deny(`The user has no e-RS role with business function ${businessFunction} at ${ods}`);
  }
  return businessFunction;
}

const UBRN = /^\d{12}$/;

const STU3_PROFILE = (name: string) => `https://fhir.nhs.uk/STU3/StructureDefinition/${name}`;
const ERS_EXTENSION = (name: string) => `https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-${name}-1`;
const STATE_DISPLAY: Record<DemoReferral["state"], string> = {
  NOT_BOOKED: "Not Booked",
  BOOKED: "Booked",
  DEFERRED_TO_PROVIDER: "Deferred To Provider",
  CANCELLED_REFERRAL: "Cancelled Referral",
};
const PRIORITY_DISPLAY: Record<DemoReferral["priority"], string> = { ROUTINE: "Routine", URGENT: "Urgent", TWO_WEEK_WAIT: "2 Week Wait" };

/**
 * A005's answer, in the shape e-RS gives it (the e-RS spec's ReferralRequest and its published sandbox
 * responses): the service on the shortlist and, once booked, the appointment; the referral's dates, state and
 * priority as extensions; attachments as contained DocumentReferences. e-RS does not return who referred or
 * the clinical information here: those are in the referral letter, an attachment.
 */
function referralRequest(referral: DemoReferral) {
  const service = findService(referral.serviceId)!;
  const specialty = { system: `${ERS_BASE_PATH}/STU3/CodeSystem/SPECIALTY`, code: service.specialty, display: SPECIALTIES[service.specialty] };
  const priority = { system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1", code: referral.priority, display: PRIORITY_DISPLAY[referral.priority] };
  const serviceReference = { identifier: { system: SERVICE_SYSTEM, value: service.id }, display: service.name };
  const contained: Array<Record<string, unknown>> = [
    {
      id: "serviceSearchCriteria",
      meta: { profile: [STU3_PROFILE("eRS-ServiceSearchCriteria-Parameters-1")] },
      resourceType: "Parameters",
      parameter: [
        { name: "priority", valueCoding: priority },
        { name: "specialty", valueCoding: specialty },
      ],
    },
    {
      id: "shortlist",
      meta: { profile: [STU3_PROFILE("eRS-Shortlist-List-1")] },
      resourceType: "List",
      extension: [{ url: ERS_EXTENSION("Shortlist-SearchCriteria"), valueReference: { reference: "#serviceSearchCriteria" } }],
      status: "current",
      mode: "snapshot",
      entry: [{ item: serviceReference }],
    },
  ];
  if (referral.appointment) {
    contained.push({
      id: "appointment",
      meta: { versionId: "0", profile: [STU3_PROFILE("eRS-Appointment-1"), "https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1"] },
      resourceType: "Appointment",
      status: "booked",
      description: "e-Referral Appointment",
      start: referral.appointment.start,
      end: referral.appointment.end,
      created: referral.created,
      incomingReferral: [{ reference: `ReferralRequest/${referral.ubrn}/_history/${referral.version}` }],
      participant: [
        { actor: serviceReference, status: "accepted" },
        { actor: { identifier: { system: NHS_NUMBER_STU3, value: referral.nhsNumber } }, status: "accepted" },
      ],
    });
  }
  for (const attachment of referral.attachments) {
    contained.push({
      id: `DocumentReference-${attachment.id}`,
      meta: { profile: [STU3_PROFILE("eRS-DocumentReference-1")] },
      resourceType: "DocumentReference",
      type: { coding: [{ system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-AttachmentType-1", code: "REFERRER", display: "Referrer" }] },
      status: "current",
      indexed: referral.created,
      description: attachment.title,
      content: [
        {
          attachment: {
            id: `att-${attachment.id}`,
            extension: [
              {
                url: ERS_EXTENSION("AvailabilityStatus"),
                valueCoding: { system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-AvailabilityStatus-1", code: attachment.availability },
              },
              { url: ERS_EXTENSION("AttachedBy"), valueReference: { identifier: { system: SDS_USER, value: referral.referrer.sdsUserId } } },
              { url: ERS_EXTENSION("AttachedByOrganisation"), valueReference: { identifier: { system: ODS, value: referral.referrer.odsCode } } },
            ],
            contentType: attachment.contentType,
            url: `Binary/att-${attachment.id}`,
            size: attachment.size,
            title: attachment.title,
            creation: referral.created.slice(0, 10),
          },
        },
      ],
    });
  }
  return {
    id: referral.ubrn,
    meta: { versionId: String(referral.version), profile: [STU3_PROFILE("eRS-ReferralRequest-1")] },
    resourceType: "ReferralRequest",
    extension: [
      ...(referral.appointment
        ? [
            { url: ERS_EXTENSION("Appointment"), valueReference: { reference: "#appointment" } },
            { url: ERS_EXTENSION("Appointment-Reference"), valueReference: { reference: `Appointment/${referral.ubrn.slice(-5)}` } },
          ]
        : []),
      { url: ERS_EXTENSION("ClinicalInfoFirstSubmitted"), valueDateTime: referral.created },
      { url: ERS_EXTENSION("eReferralPathwayStart"), valueInstant: referral.pathwayStart },
      { url: ERS_EXTENSION("ReferralPriority"), valueCodeableConcept: { coding: [priority] } },
      { url: ERS_EXTENSION("ReferralShortlist"), valueReference: { reference: "#shortlist" } },
      { url: ERS_EXTENSION("Commissioning-Rule-Org"), valueIdentifier: { system: ODS, value: referral.referrer.odsCode } },
      {
        url: ERS_EXTENSION("ReferralState"),
        extension: [
          {
            url: "state",
            valueCoding: { system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralState-1", code: referral.state, display: STATE_DISPLAY[referral.state] },
          },
        ],
      },
      ...(referral.additionalRequirements ?? []).map((requirement) => ({
        url: ERS_EXTENSION("PatientAdditionalRequirement"),
        valueCoding: { system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-AdditionalRequirementType-1", ...requirement },
      })),
    ],
    contained,
    status: "active",
    specialty: { coding: [specialty] },
    subject: { identifier: { system: NHS_NUMBER_STU3, value: referral.nhsNumber } },
    // the letter and other attachments, then a related referral or the advice and guidance it came from, by reference
    supportingInfo: [
      ...referral.attachments.map((attachment) => ({ reference: `#DocumentReference-${attachment.id}` })),
      ...(referral.relatedUbrn ? [{ reference: `ReferralRequest/${referral.relatedUbrn}` }] : []),
      ...(referral.convertedFromAdviceUbrn ? [{ reference: `CommunicationRequest/${referral.convertedFromAdviceUbrn}` }] : []),
    ],
    intent: "plan",
    identifier: [{ system: "https://fhir.nhs.uk/Id/ers-request-id", value: `r.${referral.ubrn}` }],
  };
}

function serviceRequest(ubrn: string, nhsNumber: string, category: "referral" | "advice") {
  return {
    fullUrl: `https://api.service.nhs.uk${R4}/ServiceRequest/${category === "referral" ? "r" : "a"}.${ubrn}`,
    search: { mode: "match" },
    resource: {
      id: `${category === "referral" ? "r" : "a"}.${ubrn}`,
      meta: { versionId: "5" },
      resourceType: "ServiceRequest",
      identifier: [{ system: "https://fhir.nhs.uk/Id/UBRN", value: ubrn }],
      status: "active",
      intent: "order",
      category: [{ coding: [{ system: "https://fhir.nhs.uk/CodeSystem/message-category-servicerequest", code: category }] }],
      subject: { identifier: { system: "https://fhir.nhs.uk/Id/nhs-number", value: nhsNumber } },
    },
  };
}

/** A041's answers for the NHS sandbox's four identifiers, kept exactly as it gives them. */
const SANDBOX_SERVICE_REQUESTS: Record<string, Array<"referral" | "advice">> = {
  "000000070000": ["referral"],
  "000000070001": ["advice"],
  "000000070002": ["referral", "advice"],
  "000000070003": [],
};

/** Each worklist's item extension, as e-RS names it. */
const WORKLIST_ITEM_EXTENSIONS: Record<WorklistType, string> = {
  REFERRALS_FOR_REVIEW: "ReferralsforReview",
  APPOINTMENT_SLOT_ISSUES: "AppointmentSlotIssues",
  AWAITING_BOOKING: "AwaitingBooking",
  REJECTED_TRIAGE_RESPONSE: "RejectedTriageResponse",
  ASSESSMENT_RETURNED_CANCELLED_DNA: "AssessmentReturnedCancelledDna",
  LETTERS_OUTSTANDING: "LettersOutstanding",
};
const REVIEW_STATUS_DISPLAY: Record<string, string> = {
  NEVER_REVIEWED: "Never Reviewed",
  LETTER_CHANGED: "Letter Changed",
  PRIORITY_CHANGED: "Priority Changed",
  PRIORITY_AND_LETTER_CHANGED: "Priority And Letter Changed",
};
/** How a referrer's worklist names a referral's state (sentence case there, unlike A005). */
const WORKLIST_STATE_DISPLAY: Record<DemoReferral["state"], string> = {
  NOT_BOOKED: "Not booked",
  BOOKED: "Booked",
  DEFERRED_TO_PROVIDER: "Deferred to provider",
  CANCELLED_REFERRAL: "Cancelled referral",
};
const days = (iso: string, count: number) => new Date(Date.parse(iso) + count * 86_400_000).toISOString().slice(0, 10);

/**
 * An item of a worklist, with what e-RS gives for that kind of list (the e-RS spec's
 * Extension-eRS-<list>-WorkListItem-1): the reviewing clinicians' list refers to its patients and clinicians
 * as contained resources; the others name the patient by NHS number and the referrer by SDS user ID.
 */
function worklistEntry(referral: DemoReferral, listType: WorklistType) {
  const service = findService(referral.serviceId)!;
  const priority = {
    url: "priority",
    valueCodeableConcept: { coding: [{ system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1", code: referral.priority }] },
  };
  const specialty = {
    url: "specialty",
    valueCodeableConcept: {
      coding: [{ system: `${ERS_BASE_PATH}/STU3/CodeSystem/SPECIALTY`, code: service.specialty, display: SPECIALTIES[service.specialty] }],
    },
  };
  const serviceReference = { url: "service", valueReference: { identifier: { system: SERVICE_SYSTEM, value: service.id }, display: service.name } };
  const patientByNumber = { url: "patient", valueReference: { identifier: { system: NHS_NUMBER_STU3, value: referral.nhsNumber } } };
  const referrerSide = [
    patientByNumber,
    priority,
    { url: "referralCreated", valueDateTime: referral.created },
    { url: "clinicalContext", valueString: SPECIALTIES[service.specialty] },
    { url: "referrer", valueReference: { identifier: { system: SDS_USER, value: referral.referrer.sdsUserId } } },
  ];
  const parts: Array<Record<string, unknown>> =
    listType === "REFERRALS_FOR_REVIEW"
      ? [
          priority,
          specialty,
          { url: "patient", valueReference: { reference: `#Patient-${referral.nhsNumber}` } },
          ...(referral.allocatedClinician
            ? [{ url: "allocatedClinician", valueReference: { reference: `#Practitioner-${referral.allocatedClinician.sdsUserId}` } }]
            : []),
          { url: "eReferralPathwayStart", valueDateTime: referral.pathwayStart },
          { url: "clinicalInfoPrinted", valueBoolean: false },
          ...(referral.reviewStatus === "REVIEWED"
            ? []
            : [
                {
                  url: "requestContextStatus",
                  valueCodeableConcept: {
                    coding: [
                      {
                        system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-RequestContextStatus-1",
                        code: referral.reviewStatus,
                        display: REVIEW_STATUS_DISPLAY[referral.reviewStatus],
                      },
                    ],
                  },
                },
              ]),
          { url: "clinicalInfoFirstSubmitted", valueDateTime: referral.created },
          ...(referral.appointment ? [{ url: "appointmentStart", valueDateTime: referral.appointment.start }] : []),
          {
            url: "referralType",
            valueCodeableConcept: {
              coding: [{ system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralType-1", code: referral.appointment ? "APPOINTMENT" : "TRIAGE_DEFERRAL" }],
            },
          },
          serviceReference,
          { url: "referralRequestVersion", valueInteger: referral.version },
        ]
      : listType === "APPOINTMENT_SLOT_ISSUES"
        ? [
            priority,
            specialty,
            patientByNumber,
            { url: "eReferralPathwayStart", valueDateTime: referral.pathwayStart },
            { url: "clinicalInfoPrinted", valueBoolean: false },
            { url: "ubrnReceived", valueDateTime: referral.created },
            { url: "patientContactExpected", valueDate: days(referral.created, 4) },
            {
              url: "clinicalInformationStatus",
              valueCodeableConcept: { coding: [{ system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-ClinicalInformationStatus-1", code: "PRESENT" }] },
            },
            {
              url: "reason",
              valueCodeableConcept: { coding: [{ system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1", code: "NO_SLOTS_AT_SERVICE" }] },
            },
            serviceReference,
          ]
        : listType === "LETTERS_OUTSTANDING"
          ? [...referrerSide, { url: "letterDue", valueDate: days(referral.created, 14) }]
          : [
              ...referrerSide,
              { url: "referralLastUpdated", valueDateTime: referral.created },
              {
                url: "status",
                valueCodeableConcept: {
                  coding: [
                    {
                      system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralState-1",
                      code: referral.state,
                      display: WORKLIST_STATE_DISPLAY[referral.state],
                    },
                  ],
                },
              },
            ];
  return {
    extension: [{ url: ERS_EXTENSION(`${WORKLIST_ITEM_EXTENSIONS[listType]}-WorkListItem`), extension: parts }],
    item: { reference: `ReferralRequest/${referral.ubrn}` },
  };
}

const CODE_SYSTEMS: Record<string, Array<{ code: string; display: string }>> = {
  SPECIALTY: Object.entries(SPECIALTIES).map(([code, display]) => ({ code, display })),
  PRIORITY: [
    { code: "ROUTINE", display: "Routine" },
    { code: "URGENT", display: "Urgent" },
    { code: "TWO_WEEK_WAIT", display: "2 Week Wait" },
  ],
  "CLINIC-TYPE": [
    { code: "HEART_FAILURE", display: "Heart Failure" },
    { code: "CHEST_PAIN", display: "Chest Pain" },
    { code: "DIABETES", display: "Diabetes" },
  ],
  "APPOINTMENT-CANCELLATION-REASON": [
    { code: "PATIENT_REQUEST", display: "Patient request" },
    { code: "SERVICE_CANCELLED", display: "Service cancelled the appointment" },
  ],
  "REFERRAL-CANCELLATION-REASON": [
    { code: "NO_LONGER_REQUIRED", display: "Referral no longer required" },
    { code: "REFERRED_ELSEWHERE", display: "Patient referred elsewhere" },
  ],
  "APPOINTMENT-NON-ATTENDANCE-REASON": [
    { code: "DNA", display: "Did not attend" },
    { code: "UNABLE_TO_ATTEND", display: "Unable to attend" },
  ],
};

/** Each code system's name, as e-RS gives it (the e-RS spec's CodeSystem.yaml). */
const CODE_SYSTEM_NAMES: Record<string, string> = {
  SPECIALTY: "e-RS Specialty",
  PRIORITY: "e-RS Priority",
  "CLINIC-TYPE": "e-RS Clinic Type",
  "APPOINTMENT-CANCELLATION-REASON": "e-RS Appointment Cancellation Reason",
  "REFERRAL-CANCELLATION-REASON": "e-RS ReferralRequest Cancellation Reason",
  "APPOINTMENT-NON-ATTENDANCE-REASON": "e-RS Appointment Non-attendance Reason",
};

// A 1x1 transparent PNG, for attachments that are images.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

export function registerErs(app: FastifyInstance, publicBaseUrl: string) {
  app.get(`${R4}/PractitionerRole`, async (request, reply) => {
    const roles = ERS_ROLES[header(request, "nhsd-session-urid") ?? ""] ?? SANDBOX_DEFAULT_ROLES;
    const now = new Date().toISOString();
    return sendFhir(reply, 200, {
      id: crypto.randomUUID(),
      meta: { lastUpdated: now },
      resourceType: "Bundle",
      type: "searchset",
      total: roles.roles.length,
      timestamp: now,
      link: [{ relation: "self", url: `https://api.service.nhs.uk${R4}/PractitionerRole` }],
      entry: roles.roles.map((role) => ({
        fullUrl: `https://api.service.nhs.uk${R4}/PractitionerRole/PractitionerRole-${role.odsCode}-${roles.sdsUserId}`,
        search: { mode: "match" },
        resource: {
          id: `PractitionerRole-${role.odsCode}-${roles.sdsUserId}`,
          meta: { lastUpdated: now },
          resourceType: "PractitionerRole",
          practitioner: { identifier: { system: "https://fhir.nhs.uk/Id/sds-user-id", value: roles.sdsUserId } },
          organization: { identifier: { system: ODS, value: role.odsCode }, display: findOrganisation(role.odsCode)?.name },
          code: role.functions.map((businessFunction) => ({
            coding: [{ system: "https://fhir.nhs.uk/CodeSystem/eRS-BusinessFunction-1", code: businessFunction }],
          })),
        },
      })),
    });
  });

  async function readReferral(request: FastifyRequest<{ Params: { ubrn: string; version?: string } }>, reply: FastifyReply) {
    if (!(await refuseBusinessFunction(request, reply, EVERYONE, "STU3"))) return reply;
    const { ubrn, version } = request.params;
    if (!UBRN.test(ubrn)) return ersError(reply, 400, "invalid", "INVALID_PARAMETER", "The UBRN must be 12 digits", "STU3");
    const referral = findReferral(ubrn);
    if (!referral || (version !== undefined && version !== String(referral.version))) {
      return ersError(reply, 422, "business-rule", "SANDBOX_ERROR", "No referral with that UBRN and version exists in the sandbox", "STU3");
    }
    reply.header("etag", `W/"${referral.version}"`);
    return sendFhir(reply, 200, referralRequest(referral));
  }
  app.get<{ Params: { ubrn: string } }>(`${STU3}/ReferralRequest/:ubrn`, readReferral);
  app.get<{ Params: { ubrn: string; version: string } }>(`${STU3}/ReferralRequest/:ubrn/_history/:version`, readReferral);

  app.get<{ Querystring: { identifier?: string } }>(`${R4}/ServiceRequest`, async (request, reply) => {
    if (!(await refuseBusinessFunction(request, reply, EVERYONE, "R4"))) return reply;
    const ubrn = (request.query.identifier ?? "").split("|").pop() ?? "";
    if (!UBRN.test(ubrn))
      return ersError(reply, 400, "invalid", "INVALID_PARAMETER", "identifier must be a 12-digit UBRN, optionally prefixed https://fhir.nhs.uk/Id/UBRN|", "R4");
    const referral = findReferral(ubrn);
    const categories = SANDBOX_SERVICE_REQUESTS[ubrn] ?? (referral ? ["referral" as const] : []);
    const nhsNumber = referral?.nhsNumber ?? "9693632109";
    const now = new Date().toISOString();
    return sendFhir(reply, 200, {
      id: crypto.randomUUID(),
      resourceType: "Bundle",
      meta: { lastUpdated: now },
      timestamp: now,
      type: "searchset",
      total: categories.length,
      link: [
        { relation: "self", url: `https://api.service.nhs.uk${R4}/ServiceRequest?identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/UBRN|${ubrn}`)}` },
      ],
      entry: categories.map((category) => serviceRequest(ubrn, nhsNumber, category)),
    });
  });

  app.post<{
    Body: {
      resourceType?: string;
      parameter?: Array<{ name?: string; valueCodeableConcept?: { coding?: Array<{ code?: string }> }; valueIdentifier?: { value?: string } }>;
    };
  }>(`${STU3}/ReferralRequest/$ers.fetchworklist`, async (request, reply) => {
    const parameters = request.body?.parameter ?? [];
    const value = (name: string) => parameters.find((parameter) => parameter.name === name);
    const listType = value("listType")?.valueCodeableConcept?.coding?.[0]?.code as WorklistType | undefined;
    if (request.body?.resourceType !== "Parameters" || !listType || ![...PROVIDER_WORKLISTS, ...REFERRER_WORKLISTS].includes(listType)) {
      return ersError(reply, 422, "business-rule", "REC_UNPROCESSABLE_ENTITY", "The body must be eRS-FetchWorklist Parameters naming a known listType", "STU3");
    }
    const providerList = (PROVIDER_WORKLISTS as WorklistType[]).includes(listType);
    if (!(await refuseBusinessFunction(request, reply, providerList ? PROVIDERS : REFERRERS, "STU3"))) return reply;
    const ods = header(request, "nhsd-end-user-organisation-ods");
    const specialty = value("specialty")?.valueCodeableConcept?.coding?.[0]?.code;
    const serviceId = value("service")?.valueIdentifier?.value;
    const clinician = value("clinician")?.valueIdentifier?.value;
    const ownOrganisation = (referral: DemoReferral) => {
      const knownOrganisations = new Set(
        providerList ? REFERRALS.map((item) => findService(item.serviceId)!.odsCode) : REFERRALS.map((item) => item.referrer.odsCode),
      );
      if (!ods || !knownOrganisations.has(ods)) return true; // the NHS sandbox's own organisations see every item
      return providerList ? findService(referral.serviceId)!.odsCode === ods : referral.referrer.odsCode === ods;
    };
    const items = REFERRALS.filter(
      (referral) =>
        referral.worklists.includes(listType) &&
        ownOrganisation(referral) &&
        (!specialty || findService(referral.serviceId)!.specialty === specialty) &&
        (!serviceId || referral.serviceId === serviceId) &&
        (!clinician || referral.allocatedClinician?.sdsUserId === clinician),
    ).sort((a, b) => a.pathwayStart.localeCompare(b.pathwayStart));
    const patients = [...new Set(items.map((item) => item.nhsNumber))];
    const clinicians = [
      ...new Map(items.flatMap((item) => (item.allocatedClinician ? [[item.allocatedClinician.sdsUserId, item.allocatedClinician]] : []))).values(),
    ];
    // only the reviewing clinicians' list refers to contained patients and clinicians; e-RS gives a clinician's SDS user ID, not a name
    const contained =
      listType === "REFERRALS_FOR_REVIEW"
        ? [
            ...clinicians.map((person) => ({
              id: `Practitioner-${person.sdsUserId}`,
              meta: { profile: [STU3_PROFILE("eRS-Practitioner-1")] },
              resourceType: "Practitioner",
              identifier: [{ system: SDS_USER, value: person.sdsUserId }],
            })),
            ...patients.map((nhsNumber) => ({
              id: `Patient-${nhsNumber}`,
              meta: { profile: [STU3_PROFILE("eRS-Patient-1")] },
              resourceType: "Patient",
              identifier: [{ system: NHS_NUMBER_STU3, value: nhsNumber }],
            })),
          ]
        : [];
    return sendFhir(reply, 200, {
      meta: { profile: ["https://fhir.nhs.uk/STU3/StructureDefinition/eRS-FetchWorklist-List-1"] },
      resourceType: "List",
      ...(contained.length ? { contained } : {}),
      status: "current",
      mode: "snapshot",
      entry: items.map((referral) => worklistEntry(referral, listType)),
    });
  });

  app.get<{ Params: { id: string } }>(`${R4}/Binary/:id`, async (request, reply) => {
    if (!(await refuseBusinessFunction(request, reply, EVERYONE, "R4"))) return reply;
    const { id } = request.params;
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    if (!isUuid && !/^att-[A-Za-z0-9-]{1,40}$/.test(id)) return ersError(reply, 400, "invalid", "INVALID_PARAMETER", "The attachment id is not valid", "R4");
    const attachment = REFERRALS.flatMap((referral) => referral.attachments).find((candidate) => `att-${candidate.id}` === id);
    if (attachment && attachment.availability !== "AVAILABLE") {
      return ersError(reply, 404, "not-found", "NOT_FOUND", `The attachment is not available (${attachment.availability})`, "R4");
    }
    // A pre-signed URL to the object store, valid for a short time, as e-RS gives.
    const expires = Date.now() + 60_000;
    return reply
      .code(307)
      .header(
        "location",
        `${publicBaseUrl}${ERS_ATTACHMENT_STORE_PATH}/${id}?expires=${expires}&signature=${Buffer.from(`${id}:${expires}`).toString("base64url")}`,
      )
      .send();
  });

  app.get<{ Params: { id: string }; Querystring: { expires?: string; signature?: string } }>(`${ERS_ATTACHMENT_STORE_PATH}/:id`, async (request, reply) => {
    const { id } = request.params;
    const { expires, signature } = request.query;
    if (!expires || signature !== Buffer.from(`${id}:${expires}`).toString("base64url") || Number(expires) < Date.now()) {
      return reply
        .code(403)
        .type("application/xml")
        .send("<Error><Code>AccessDenied</Code><Message>Request has expired or the signature does not match</Message></Error>");
    }
    const referral = REFERRALS.find((candidate) => candidate.attachments.some((attachment) => `att-${attachment.id}` === id));
    const attachment = referral?.attachments.find((candidate) => `att-${candidate.id}` === id);
    if (attachment?.contentType === "image/png") return reply.type("image/png").send(PNG);
    const lines = referral
      ? [`UBRN ${referral.ubrn}`, `Referrer: ${referral.referrer.name}`, `Clinical information: ${referral.clinicalInformation.slice(0, 90)}`]
      : ["Sample attachment from the e-Referral Service stand-in"];
    return reply.type("application/pdf").send(textPdf(attachment?.title ?? "Attachment", lines));
  });

  app.get<{ Params: { type: string } }>(`${STU3}/CodeSystem/:type`, async (request, reply) => {
    if (!(await refuseBusinessFunction(request, reply, EVERYONE, "STU3"))) return reply;
    const concepts = CODE_SYSTEMS[request.params.type];
    if (!concepts) return ersError(reply, 404, "not-found", "NOT_FOUND", `No code system ${request.params.type.slice(0, 40)}`, "STU3");
    const name = CODE_SYSTEM_NAMES[request.params.type];
    return sendFhir(reply, 200, {
      id: request.params.type,
      meta: { profile: ["http://hl7.org/fhir/StructureDefinition/shareablecodesystem"] },
      resourceType: "CodeSystem",
      url: `https://api.service.nhs.uk${STU3}/CodeSystem/${request.params.type}`,
      version: "1",
      name,
      status: "active",
      experimental: false,
      date: "2026-01-05T09:00:00.000Z",
      publisher: "e-Referral Service",
      description: name,
      caseSensitive: true,
      content: "complete",
      property: [{ code: "effectiveFrom", uri: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-Concept-Properties-1#effectiveFrom", type: "dateTime" }],
      concept: concepts.map((concept) => ({ ...concept, property: [{ code: "effectiveFrom", valueDateTime: "2004-06-01T00:00:00.000Z" }] })),
    });
  });
}
