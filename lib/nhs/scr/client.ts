import "server-only";
import { randomUUID } from "node:crypto";
import { parse } from "node-html-parser";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { bundleOf, coding, identifier } from "../fhir/datatypes";

const documentReferenceBundleSchema = bundleOf(
  z
    .object({
      resourceType: z.string(),
      masterIdentifier: z.object({ value: z.string() }).optional(),
      date: z.string().optional(),
      securityLabel: z.array(z.object({ coding: z.array(coding).optional() })).optional(),
    })
    .loose(),
);

const scrBundleSchema = bundleOf(
  z
    .object({
      resourceType: z.string(),
      date: z.string().optional(),
      meta: z.object({ lastUpdated: z.string().optional() }).optional(),
      name: z
        .union([
          z.string(),
          z.array(z.object({ family: z.string().optional(), given: z.array(z.string()).optional(), prefix: z.array(z.string()).optional() })),
        ])
        .optional(),
      identifier: z.union([z.array(identifier), identifier]).optional(),
      address: z.array(z.object({ line: z.array(z.string()).optional(), city: z.string().optional(), postalCode: z.string().optional() })).optional(),
      section: z
        .array(
          z.object({
            title: z.string().optional(),
            code: z.object({ coding: z.array(coding).optional() }).optional(),
            text: z.object({ div: z.string() }).optional(),
          }),
        )
        .optional(),
    })
    .loose(),
);

export type ScrConsent = "Yes" | "No" | "Ask";

export type LatestScrOutcome =
  | { kind: "found"; scrId: string; consent: ScrConsent | null; documentDate: string | null; requestId: string }
  | { kind: "no-scr"; requestId: string }
  | { kind: "no-consent"; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

export interface ScrMedicationRow {
  kind: "acute" | "repeat" | "discontinued";
  date: string;
  name: string;
  dosage: string;
  quantity: string;
}

export interface ScrAllergyRow {
  date: string;
  description: string;
  certainty: string;
  severity: string;
}

export interface ScrSectionTable {
  title: string;
  headings: string[];
  rows: string[][];
}

export interface ScrView {
  /** Whom the SCR's Patient resource names; null when the bundle names no one. */
  patientNhsNumber: string | null;
  lastUpdated: string | null;
  practice: { name: string; odsCode: string | null; address: string | null } | null;
  author: string | null;
  allergies: ScrAllergyRow[];
  medications: ScrMedicationRow[];
  additional: ScrSectionTable[];
}

export type ScrOutcome =
  | { kind: "found"; scr: ScrView; requestId: string; retrievedAt: Date }
  | { kind: "no-results"; requestId: string }
  | { kind: "no-consent"; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

export type PrivacyAlertOutcome = { kind: "sent"; requestId: string } | { kind: "failed"; failure: NhsFailure };

const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
const CORE_SECTIONS = new Set(["Title", "AllergiesHeader", "AcuteMedsHeader", "RepeatMedsHeader", "DiscRepeatMedsHeader"]);
const MEDICATION_SECTIONS = { AcuteMedsHeader: "acute", RepeatMedsHeader: "repeat", DiscRepeatMedsHeader: "discontinued" } as const;

/** A narrative table's rows as plain text. Nothing from the upstream HTML is ever rendered as markup. */
export function narrativeTable(div: string): { headings: string[]; rows: string[][] } {
  const root = parse(div);
  const headings = root.querySelectorAll("thead th").map((cell) => cell.text.trim());
  const rows = root
    .querySelectorAll("tbody tr")
    .map((row) => row.querySelectorAll("td").map((cell) => cell.text.replace(/\s+/g, " ").trim()))
    .filter((cells) => cells.length > 1 || (cells[0] && !/^No relevant information/i.test(cells[0])));
  return { headings, rows };
}

/** "Prescribed: 12-May-2020" or "12-May-2020" → 2020-05-12. */
export function spineDateToIso(value: string): string {
  const match = /(\d{1,2})-([A-Za-z]{3})-(\d{4})/.exec(value);
  if (!match) return value;
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].indexOf(match[2]) + 1;
  if (month === 0) return value;
  return `${match[3]}-${String(month).padStart(2, "0")}-${match[1].padStart(2, "0")}`;
}

export function toScrView(bundle: z.infer<typeof scrBundleSchema>): ScrView | null {
  const resources = (bundle.entry ?? []).map((entry) => entry.resource);
  const composition = resources.find((resource) => resource.resourceType === "Composition");
  if (!composition) return null;
  const organisation = resources.find((resource) => resource.resourceType === "Organization");
  const practitioner = resources.find((resource) => resource.resourceType === "Practitioner");
  const patient = resources.find((resource) => resource.resourceType === "Patient");
  const patientIdentifiers = Array.isArray(patient?.identifier) ? patient.identifier : patient?.identifier ? [patient.identifier] : [];
  const view: ScrView = {
    patientNhsNumber: patientIdentifiers.find((entry) => !("system" in entry) || entry.system === NHS_NUMBER_SYSTEM)?.value ?? null,
    lastUpdated: composition.date ?? composition.meta?.lastUpdated ?? null,
    practice: organisation
      ? {
          name: typeof organisation.name === "string" ? organisation.name : "",
          odsCode: Array.isArray(organisation.identifier) ? (organisation.identifier[0]?.value ?? null) : null,
          address: organisation.address?.[0]
            ? [...(organisation.address[0].line ?? []), organisation.address[0].city, organisation.address[0].postalCode].filter(Boolean).join(", ")
            : null,
        }
      : null,
    author:
      practitioner && Array.isArray(practitioner.name)
        ? [practitioner.name[0]?.prefix?.join(" "), practitioner.name[0]?.given?.join(" "), practitioner.name[0]?.family].filter(Boolean).join(" ")
        : null,
    allergies: [],
    medications: [],
    additional: [],
  };
  for (const section of composition.section ?? []) {
    const code = section.code?.coding?.[0]?.code ?? "";
    if (!section.text?.div || code === "Title") continue;
    const table = narrativeTable(section.text.div);
    if (code === "AllergiesHeader") {
      view.allergies = table.rows.map(([date = "", description = "", certainty = "", severity = ""]) => ({
        date: spineDateToIso(date),
        description,
        certainty,
        severity,
      }));
    } else if (code in MEDICATION_SECTIONS) {
      const kind = MEDICATION_SECTIONS[code as keyof typeof MEDICATION_SECTIONS];
      view.medications.push(
        ...table.rows.map(([, date = "", name = "", dosage = "", quantity = ""]) => ({ kind, date: spineDateToIso(date), name, dosage, quantity })),
      );
    } else if (!CORE_SECTIONS.has(code) && table.rows.length) {
      view.additional.push({
        title: section.title ?? code,
        headings: table.headings,
        rows: table.rows.map((row) => row.map((cell) => (/^\d{1,2}-[A-Za-z]{3}-\d{4}$/.test(cell) ? spineDateToIso(cell) : cell))),
      });
    }
  }
  return view;
}

/**
 * SCR's alert reasons (NHS England's CodeSystem SCR-AlertReason): 1 in the public interest, 2 required by
 * statute, 3 required by court order, 4 self-claimed access, 5 an emergency, 6 other.
 */
export const SCR_ALERT_REASONS = {
  "1": "Access made in the public interest",
  "2": "Access required by statute",
  "3": "Access required by Court Order",
  "4": "Self-Claim Emergency Access",
  "5": "Access made in an Emergency",
  "6": "Other",
} as const;
export type ScrAlertReasonCode = keyof typeof SCR_ALERT_REASONS;

/** SCR's alert types (CodeSystem SCR-AlertType). */
const ALERT_TYPES = {
  "self-claimed-relationship": { code: "1", display: "Create LR (Self Claimed)" },
  "emergency-access": { code: "2", display: "Access Alert" },
} as const;

export interface PrivacyAlert {
  nhsNumber: string;
  kind: "self-claimed-relationship" | "emergency-access";
  reasonCode: ScrAlertReasonCode;
  /** What the user gave as the reason, in their words; SCR carries it as the alert's outcome description. */
  reason: string;
  odsCode: string;
  userId: string;
  roleName: string;
}

export class ScrClient {
  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
  ) {}

  async latestScrId(nhsNumber: string, context: NhsCallContext): Promise<LatestScrOutcome> {
    const query = new URLSearchParams({
      patient: `${NHS_NUMBER_SYSTEM}|${nhsNumber}`,
      type: "http://snomed.info/sct|196981000000101",
      _sort: "date",
      _count: "1",
    });
    const response = await this.client.call({
      api: "scr",
      baseUrl: this.baseUrl,
      method: "GET",
      path: "/DocumentReference",
      query,
      schema: documentReferenceBundleSchema,
      context,
    });
    if (response.kind === "ok") {
      const document = (response.body.entry ?? []).map((entry) => entry.resource).find((resource) => resource.resourceType === "DocumentReference");
      if (!document?.masterIdentifier?.value) return { kind: "no-scr", requestId: response.requestId };
      const consent = document.securityLabel?.[0]?.coding?.[0]?.code;
      return {
        kind: "found",
        scrId: document.masterIdentifier.value,
        consent: consent === "Yes" || consent === "No" || consent === "Ask" ? consent : null,
        documentDate: document.date ?? null,
        requestId: response.requestId,
      };
    }
    if (response.kind === "operation-outcome" && response.status === 403) return { kind: "no-consent", requestId: response.requestId };
    return { kind: "failed", failure: response };
  }

  async summaryCareRecord(nhsNumber: string, scrId: string, context: NhsCallContext): Promise<ScrOutcome> {
    const query = new URLSearchParams({ "composition.identifier": scrId, "composition.subject:Patient.identifier": `${NHS_NUMBER_SYSTEM}|${nhsNumber}` });
    const response = await this.client.call({ api: "scr", baseUrl: this.baseUrl, method: "GET", path: "/Bundle", query, schema: scrBundleSchema, context });
    if (response.kind === "ok") {
      const scr = toScrView(response.body);
      return scr
        ? { kind: "found", scr, requestId: response.requestId, retrievedAt: response.receivedAt }
        : { kind: "no-results", requestId: response.requestId };
    }
    if (response.kind === "operation-outcome" && response.status === 403) return { kind: "no-consent", requestId: response.requestId };
    return { kind: "failed", failure: response };
  }

  /** A privacy alert to the Privacy Officer; a write, sent once. */
  /** Sent once, with the X-Request-ID given (so its audit rows name it), or a new one. */
  async sendPrivacyAlert(alert: PrivacyAlert, context: NhsCallContext, requestId?: string): Promise<PrivacyAlertOutcome> {
    // the alert event's own id, which SCR also takes as the entity the alert is about (SCR-Alert-AuditEvent)
    const alertId = randomUUID();
    const type = ALERT_TYPES[alert.kind];
    const body = {
      resourceType: "AuditEvent",
      id: alertId,
      extension: [{ url: "https://fhir.nhs.uk/StructureDefinition/Extension-SCR-NotificationMessage", valueString: `Alert: ${type.display} ${alertId}` }],
      type: { system: "https://fhir.nhs.uk/CodeSystem/SCR-AlertType", ...type },
      subtype: [{ system: "https://fhir.nhs.uk/CodeSystem/SCR-AlertReason", code: alert.reasonCode, display: SCR_ALERT_REASONS[alert.reasonCode] }],
      recorded: new Date().toISOString(),
      outcomeDesc: alert.reason,
      // SCR takes every agent as not the requestor, the user included
      agent: [
        { who: { identifier: { system: NHS_NUMBER_SYSTEM, value: alert.nhsNumber } }, requestor: false },
        { who: { identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: alert.odsCode } }, requestor: false },
        { who: { identifier: { system: "https://fhir.nhs.uk/Id/sds-user-id", value: alert.userId } }, role: [{ text: alert.roleName }], requestor: false },
      ],
      source: { observer: { identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: alert.odsCode } } },
      entity: [{ what: { identifier: { value: alertId } } }],
    };
    const response = await this.client.call({
      api: "scr",
      baseUrl: this.baseUrl,
      method: "POST",
      path: "/AuditEvent",
      requestId,
      headers: { "content-type": "application/fhir+json" },
      body: JSON.stringify(body),
      schema: z.object({ resourceType: z.literal("AuditEvent") }).loose(),
      context,
    });
    if (response.kind === "ok") return { kind: "sent", requestId: response.requestId };
    return { kind: "failed", failure: response };
  }
}
