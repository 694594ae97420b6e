import { z } from "zod";

/**
 * The structured record bundle (GPConnect-StructuredRecord-Bundle-1, FHIR STU3) and its mapping to what the GP
 * record tab shows. Each resource is read by its own schema: one that does not fit is counted as unreadable (and
 * said so on the page), never silently dropped, and never fails the rest of the record. Only what is shown is read;
 * every field is optional where providers leave it out (the published examples differ from each other).
 */

const coding = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() }).loose();
const concept = z.object({ coding: z.array(coding).optional(), text: z.string().optional() }).loose();
const reference = z.object({ reference: z.string().optional(), display: z.string().optional() }).loose();
const extension = z.object({ url: z.string() }).loose();
const note = z.object({ text: z.string().optional() }).loose();
const period = z.object({ start: z.string().optional(), end: z.string().optional() }).loose();
const identifier = z.object({ system: z.string().optional(), value: z.string().optional() }).loose();
const humanName = z
  .object({ text: z.string().optional(), family: z.string().optional(), given: z.array(z.string()).optional(), prefix: z.array(z.string()).optional() })
  .loose();
// the examples send quantities as numbers and as strings
const quantity = z.object({ value: z.union([z.number(), z.string()]).optional(), unit: z.string().optional() }).loose();

const resource = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ resourceType: z.literal(type), id: z.string().optional(), extension: z.array(extension).optional(), ...shape }).loose();

export const patientSchema = resource("Patient", {
  identifier: z.array(identifier).optional(),
  name: z.array(humanName).optional(),
  gender: z.string().optional(),
  birthDate: z.string().optional(),
});
const organisationSchema = resource("Organization", { identifier: z.array(identifier).optional(), name: z.string().optional() });
const practitionerSchema = resource("Practitioner", { name: z.array(humanName).optional() });
const practitionerRoleSchema = resource("PractitionerRole", { practitioner: reference.optional(), organization: reference.optional() });
const listSchema = resource("List", {
  title: z.string().optional(),
  code: concept.optional(),
  encounter: reference.optional(),
  note: z.array(note).optional(),
  entry: z.array(z.object({ item: reference }).loose()).optional(),
  emptyReason: concept.optional(),
  contained: z.array(z.object({ resourceType: z.string() }).loose()).optional(),
});
const allergySchema = resource("AllergyIntolerance", {
  clinicalStatus: z.string().optional(),
  verificationStatus: z.string().optional(),
  code: concept.optional(),
  assertedDate: z.string().optional(),
  onsetDateTime: z.string().optional(),
  recorder: reference.optional(),
  asserter: reference.optional(),
  note: z.array(note).optional(),
  reaction: z
    .array(z.object({ manifestation: z.array(concept).optional(), severity: z.string().optional(), description: z.string().optional() }).loose())
    .optional(),
});
const medicationSchema = resource("Medication", { code: concept.optional() });
const medicationStatementSchema = resource("MedicationStatement", {
  status: z.string().optional(),
  basedOn: z.array(reference).optional(),
  medicationReference: reference.optional(),
  medicationCodeableConcept: concept.optional(),
  effectiveDateTime: z.string().optional(),
  effectivePeriod: period.optional(),
  dateAsserted: z.string().optional(),
  informationSource: reference.optional(),
  dosage: z.array(z.object({ text: z.string().optional(), patientInstruction: z.string().optional() }).loose()).optional(),
});
const medicationRequestSchema = resource("MedicationRequest", {
  status: z.string().optional(),
  intent: z.string().optional(),
  basedOn: z.array(reference).optional(),
  authoredOn: z.string().optional(),
  recorder: reference.optional(),
  dispenseRequest: z
    .object({ quantity: quantity.extend({ extension: z.array(extension).optional() }).optional(), validityPeriod: period.optional() })
    .loose()
    .optional(),
});
const conditionSchema = resource("Condition", {
  clinicalStatus: z.string().optional(),
  code: concept.optional(),
  onsetDateTime: z.string().optional(),
  abatementDateTime: z.string().optional(),
  assertedDate: z.string().optional(),
  asserter: reference.optional(),
  note: z.array(note).optional(),
});
const immunizationSchema = resource("Immunization", {
  status: z.string().optional(),
  notGiven: z.boolean().optional(),
  date: z.string().optional(),
  vaccineCode: concept.optional(),
  practitioner: z.array(z.object({ actor: reference.optional() }).loose()).optional(),
  note: z.array(note).optional(),
});
const encounterSchema = resource("Encounter", {
  type: z.array(concept).optional(),
  period: period.optional(),
  participant: z.array(z.object({ individual: reference.optional() }).loose()).optional(),
  serviceProvider: reference.optional(),
});
const observationSchema = resource("Observation", {
  status: z.string().optional(),
  code: concept.optional(),
  effectiveDateTime: z.string().optional(),
  issued: z.string().optional(),
  valueQuantity: quantity.optional(),
  valueString: z.string().optional(),
  comment: z.string().optional(),
  performer: z.array(reference).optional(),
});
const diagnosticReportSchema = resource("DiagnosticReport", {
  status: z.string().optional(),
  code: concept.optional(),
  issued: z.string().optional(),
  result: z.array(reference).optional(),
  performer: z.array(z.object({ actor: reference.optional() }).loose()).optional(),
});
const referralSchema = resource("ReferralRequest", {
  status: z.string().optional(),
  priority: z.string().optional(),
  authoredOn: z.string().optional(),
  reasonCode: z.array(concept).optional(),
  specialty: concept.optional(),
  recipient: z.array(reference).optional(),
  requester: z.object({ agent: reference.optional() }).loose().optional(),
  description: z.string().optional(),
});

/** The envelope: a Bundle of resources, each with its type; each resource's own schema is applied in the mapping. */
export const structuredRecordBundleSchema = z.object({
  resourceType: z.literal("Bundle"),
  meta: z
    .object({ profile: z.array(z.string()).optional() })
    .loose()
    .optional(),
  entry: z.array(z.object({ resource: z.object({ resourceType: z.string(), id: z.string().optional() }).loose() }).loose()).optional(),
});

export type StructuredRecordBundle = z.infer<typeof structuredRecordBundleSchema>;

export const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
const WARNING_EXTENSION = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-ListWarningCode-1";
const LAST_ISSUE_EXTENSIONS = [
  "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationStatementLastIssueDate-1",
  "https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-MedicationStatementLastIssueDate-1",
];
const PRESCRIPTION_TYPE_EXTENSION = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-PrescriptionType-1";
const QUANTITY_TEXT_EXTENSION = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationQuantityText-1";
const ALLERGY_END_EXTENSION = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-AllergyIntoleranceEnd-1";
const PROBLEM_SIGNIFICANCE_EXTENSION = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-ProblemSignificance-1";

/** What a list item names: its text, else its coding's display, else (for the terminology lookup) its code. */
export interface Term {
  text: string | null;
  code: string | null;
  /** The Terminology Server's term for the code, looked up only where the record has no text of its own. */
  snomed?: string;
}

export interface Provenance {
  /** The date the item is about (issued, asserted, given, consulted). */
  date: string | null;
  author: string | null;
  practice: string | null;
}

export interface GpMedication extends Provenance {
  id: string;
  name: Term;
  current: boolean;
  status: string | null;
  dosage: string | null;
  quantity: string | null;
  prescriptionType: string | null;
  startDate: string | null;
  endDate: string | null;
  lastIssued: string | null;
  issues: number;
}

export interface GpAllergy extends Provenance {
  id: string;
  substance: Term;
  reaction: string | null;
  severity: string | null;
  resolved: boolean;
  endDate: string | null;
  endReason: string | null;
}

export interface GpProblem extends Provenance {
  id: string;
  name: Term;
  active: boolean;
  significance: "major" | "minor" | null;
  onset: string | null;
  ended: string | null;
}

export interface GpImmunisation extends Provenance {
  id: string;
  vaccine: Term;
  given: boolean;
}

export interface GpConsultationEntry {
  heading: string | null;
  text: string;
}

export interface GpConsultation extends Provenance {
  id: string;
  title: string;
  entries: GpConsultationEntry[];
}

export interface GpInvestigation extends Provenance {
  id: string;
  name: Term;
  status: string | null;
  results: Array<{ name: string; value: string | null }>;
}

export interface GpReferral extends Provenance {
  id: string;
  reason: string | null;
  to: string | null;
  priority: string | null;
  status: string | null;
}

export interface GpRecordPatient {
  nhsNumber: string | null;
  family: string | null;
  given: string[];
  birthDate: string | null;
  gender: string | null;
}

export interface GpRecordView {
  patient: GpRecordPatient;
  practice: { odsCode: string | null; name: string | null };
  /** GP Connect's own warnings, each as the provider worded it (List.note), with its code. */
  warnings: Array<{ code: string; text: string }>;
  medications: GpMedication[];
  allergies: GpAllergy[];
  problems: GpProblem[];
  immunisations: GpImmunisation[];
  consultations: GpConsultation[];
  investigations: GpInvestigation[];
  referrals: GpReferral[];
  /** Resources of a shown kind that did not fit their schema: the page says some items could not be read. */
  unreadable: number;
}

const termOf = (value: z.infer<typeof concept> | undefined): Term => ({
  text: value?.text ?? value?.coding?.find((entry) => entry.display)?.display ?? null,
  code: value?.coding?.find((entry) => entry.system === "http://snomed.info/sct" && entry.code)?.code ?? null,
});

const textOf = (value: z.infer<typeof concept> | undefined) => termOf(value).text;
const day = (value: string | undefined | null) => (value ? value.slice(0, 10) : null);
const nameOf = (names: Array<z.infer<typeof humanName>> | undefined) => {
  const name = names?.[0];
  if (!name) return null;
  return [name.prefix?.join(" "), name.given?.join(" "), name.family].filter(Boolean).join(" ") || name.text || null;
};

/** Reads a bundle into the view; null when it is not a record at all (no Patient that fits). */
export function toGpRecordView(bundle: StructuredRecordBundle): GpRecordView | null {
  const raw = (bundle.entry ?? []).map((entry) => entry.resource);
  let unreadable = 0;
  // contained resources (ended allergies sit inside their List) are read as if they were entries
  const lists = raw
    .filter((item) => item.resourceType === "List")
    .flatMap((item) => {
      const parsed = listSchema.safeParse(item);
      if (!parsed.success) unreadable += 1;
      return parsed.success ? [parsed.data] : [];
    });
  const all = [...raw, ...lists.flatMap((list) => list.contained ?? [])];
  const byKey = new Map<string, Record<string, unknown>>();
  for (const item of all) if (item.id) byKey.set(`${item.resourceType}/${item.id}`, item as Record<string, unknown>);

  function each<S extends z.ZodType>(type: string, schema: S): Array<z.infer<S>> {
    return all
      .filter((item) => item.resourceType === type)
      .flatMap((item) => {
        const parsed = schema.safeParse(item);
        if (!parsed.success) unreadable += 1;
        return parsed.success ? [parsed.data] : [];
      });
  }

  const patient = raw.map((item) => patientSchema.safeParse(item)).find((parsed) => parsed.success)?.data;
  if (!patient) return null;
  const organisations = each("Organization", organisationSchema);
  const practitioners = each("Practitioner", practitionerSchema);
  const roles = each("PractitionerRole", practitionerRoleSchema);
  const organisationName = (ref: string | undefined) => organisations.find((organisation) => ref === `Organization/${organisation.id}`)?.name ?? null;
  const homePractice = organisations.find((organisation) => organisation.identifier?.some((entry) => entry.system === ODS_SYSTEM)) ?? organisations[0];
  const homePracticeName = homePractice?.name ?? null;

  /** Who recorded an item, and at which practice: a PractitionerRole names both; a Practitioner, the person only. */
  function who(ref: z.infer<typeof reference> | undefined): { author: string | null; practice: string | null } {
    const key = ref?.reference;
    const role = roles.find((candidate) => key === `PractitionerRole/${candidate.id}`);
    const personRef = role?.practitioner?.reference ?? key;
    const person = practitioners.find((candidate) => personRef === `Practitioner/${candidate.id}`);
    return {
      author: nameOf(person?.name) ?? ref?.display ?? null,
      practice: organisationName(role?.organization?.reference) ?? homePracticeName,
    };
  }

  const medicines = each("Medication", medicationSchema);
  const requests = each("MedicationRequest", medicationRequestSchema);
  const medications: GpMedication[] = each("MedicationStatement", medicationStatementSchema).map((statement) => {
    const plan = requests.find((request) => statement.basedOn?.some((ref) => ref.reference === `MedicationRequest/${request.id}`));
    const orders = plan
      ? requests.filter((request) => request.intent === "order" && request.basedOn?.some((ref) => ref.reference === `MedicationRequest/${plan.id}`))
      : [];
    const lastIssueExtension = statement.extension?.find((entry) => LAST_ISSUE_EXTENSIONS.includes(entry.url)) as { valueDateTime?: string } | undefined;
    const lastOrder = orders
      .map((order) => order.authoredOn)
      .filter(Boolean)
      .sort()
      .at(-1);
    const medicine = medicines.find((candidate) => statement.medicationReference?.reference === `Medication/${candidate.id}`);
    const quantityText = (
      plan?.dispenseRequest?.quantity?.extension?.find((entry) => entry.url === QUANTITY_TEXT_EXTENSION) as { valueString?: string } | undefined
    )?.valueString;
    const quantity = plan?.dispenseRequest?.quantity;
    const type = plan?.extension?.find((entry) => entry.url === PRESCRIPTION_TYPE_EXTENSION) as { valueCodeableConcept?: z.infer<typeof concept> } | undefined;
    return {
      id: statement.id ?? "",
      name: medicine ? termOf(medicine.code) : termOf(statement.medicationCodeableConcept),
      current: statement.status === "active",
      status: statement.status ?? null,
      dosage: statement.dosage?.[0]?.text ?? null,
      quantity: quantityText ?? (quantity?.value !== undefined ? [quantity.value, quantity.unit].filter(Boolean).join(" ") : null),
      prescriptionType: textOf(type?.valueCodeableConcept),
      startDate: day(statement.effectivePeriod?.start ?? statement.effectiveDateTime),
      endDate: day(statement.effectivePeriod?.end),
      lastIssued: day(lastIssueExtension?.valueDateTime ?? lastOrder),
      issues: orders.length,
      date: day(statement.dateAsserted ?? plan?.authoredOn),
      ...who(plan?.recorder ?? statement.informationSource),
    };
  });

  const allergies: GpAllergy[] = each("AllergyIntolerance", allergySchema).map((allergy) => {
    const end = allergy.extension?.find((entry) => entry.url === ALLERGY_END_EXTENSION) as
      | { extension?: Array<{ url: string; valueDateTime?: string; valueString?: string }> }
      | undefined;
    const reaction = allergy.reaction?.[0];
    return {
      id: allergy.id ?? "",
      substance: termOf(allergy.code),
      reaction: reaction?.description ?? reaction?.manifestation?.map(textOf).filter(Boolean).join(", ") ?? null,
      severity: reaction?.severity ?? null,
      resolved: allergy.clinicalStatus === "resolved",
      endDate: day(end?.extension?.find((part) => part.url === "endDate")?.valueDateTime),
      endReason: end?.extension?.find((part) => part.url === "reasonEnded")?.valueString ?? null,
      date: day(allergy.onsetDateTime ?? allergy.assertedDate),
      ...who(allergy.recorder ?? allergy.asserter),
    };
  });

  const problemItems = each("Condition", conditionSchema).map((condition): GpProblem => {
    const significance = (condition.extension?.find((entry) => entry.url === PROBLEM_SIGNIFICANCE_EXTENSION) as { valueCode?: string } | undefined)?.valueCode;
    return {
      id: condition.id ?? "",
      name: termOf(condition.code),
      active: condition.clinicalStatus !== "inactive" && condition.clinicalStatus !== "resolved",
      significance: significance === "major" || significance === "minor" ? significance : null,
      onset: day(condition.onsetDateTime),
      ended: day(condition.abatementDateTime),
      date: day(condition.onsetDateTime ?? condition.assertedDate),
      ...who(condition.asserter),
    };
  });
  // active before inactive, significant before minor, then newest first
  const rank = (problem: GpProblem) => (problem.active ? 0 : 2) + (problem.significance === "major" ? 0 : 1);
  const problems = problemItems.sort((a, b) => rank(a) - rank(b) || (b.date ?? "").localeCompare(a.date ?? ""));

  const immunisations: GpImmunisation[] = each("Immunization", immunizationSchema).map((immunisation) => ({
    id: immunisation.id ?? "",
    vaccine: termOf(immunisation.vaccineCode),
    given: immunisation.notGiven !== true,
    date: day(immunisation.date),
    ...who(immunisation.practitioner?.[0]?.actor),
  }));

  const observations = each("Observation", observationSchema);
  const describe = (item: Record<string, unknown> | undefined): string | null => {
    if (!item) return null;
    const observation = observationSchema.safeParse(item);
    if (observation.success) {
      const value = observation.data.valueQuantity
        ? [observation.data.valueQuantity.value, observation.data.valueQuantity.unit].filter((part) => part !== undefined).join(" ")
        : (observation.data.valueString ?? observation.data.comment);
      return [textOf(observation.data.code), value].filter(Boolean).join(": ") || null;
    }
    const coded = z.object({ code: concept.optional(), medicationReference: reference.optional() }).loose().safeParse(item);
    if (coded.success && coded.data.code) return textOf(coded.data.code);
    if (coded.success && coded.data.medicationReference)
      return textOf(medicines.find((medicine) => coded.data.medicationReference?.reference === `Medication/${medicine.id}`)?.code);
    return null;
  };

  /** A consultation's lists (topics, then headings) flattened: each item under the nearest list's title. */
  function entriesOf(list: z.infer<typeof listSchema>, heading: string | null, seen: Set<string>): GpConsultationEntry[] {
    return (list.entry ?? []).flatMap((entry) => {
      const key = entry.item.reference ?? "";
      if (seen.has(key)) return [];
      seen.add(key);
      const target = byKey.get(key);
      if (key.startsWith("List/")) {
        const inner = listSchema.safeParse(target);
        return inner.success ? entriesOf(inner.data, inner.data.title ?? heading, seen) : [];
      }
      const text = describe(target) ?? entry.item.display;
      return text ? [{ heading, text }] : [];
    });
  }

  const consultations: GpConsultation[] = each("Encounter", encounterSchema)
    .map((encounter) => {
      const list = lists.find((candidate) => candidate.encounter?.reference === `Encounter/${encounter.id}`);
      return {
        id: encounter.id ?? "",
        title: list?.title ?? textOf(encounter.type?.[0]) ?? "",
        entries: list ? entriesOf(list, null, new Set()) : [],
        date: day(encounter.period?.start),
        author: who(encounter.participant?.[0]?.individual).author,
        practice: organisationName(encounter.serviceProvider?.reference) ?? homePracticeName,
      };
    })
    .sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));

  const investigations: GpInvestigation[] = each("DiagnosticReport", diagnosticReportSchema).map((report) => ({
    id: report.id ?? "",
    name: termOf(report.code),
    status: report.status ?? null,
    results: (report.result ?? []).map((ref) => {
      const observation = observations.find((candidate) => ref.reference === `Observation/${candidate.id}`);
      const value = observation?.valueQuantity
        ? [observation.valueQuantity.value, observation.valueQuantity.unit].filter((part) => part !== undefined).join(" ")
        : observation?.valueString;
      return { name: textOf(observation?.code) ?? ref.display ?? "", value: value ?? null };
    }),
    date: day(report.issued),
    ...who(report.performer?.[0]?.actor),
  }));

  const referrals: GpReferral[] = each("ReferralRequest", referralSchema).map((referral) => ({
    id: referral.id ?? "",
    reason: referral.reasonCode?.map(textOf).filter(Boolean).join(", ") || referral.description || null,
    to: textOf(referral.specialty) ?? organisationName(referral.recipient?.[0]?.reference) ?? referral.recipient?.[0]?.display ?? null,
    priority: referral.priority ?? null,
    status: referral.status ?? null,
    date: day(referral.authoredOn),
    ...who(referral.requester?.agent),
  }));

  const warnings = lists.flatMap((list) => {
    const codes = (list.extension ?? [])
      .filter((entry) => entry.url === WARNING_EXTENSION)
      .map((entry) => String((entry as { valueCode?: unknown }).valueCode ?? ""));
    const texts = (list.note ?? []).map((entry) => entry.text).filter((text): text is string => Boolean(text));
    return codes.map((code, index) => ({ code, text: texts[index] ?? texts[0] ?? code }));
  });
  // the same warning on several lists is said once
  const uniqueWarnings = warnings.filter((warning, index) => warnings.findIndex((other) => other.text === warning.text) === index);

  const patientName = patient.name?.find((name) => (name as { use?: string }).use === "official") ?? patient.name?.[0];
  return {
    patient: {
      nhsNumber: patient.identifier?.find((entry) => entry.system === NHS_NUMBER_SYSTEM)?.value ?? null,
      family: patientName?.family ?? null,
      given: patientName?.given ?? [],
      birthDate: patient.birthDate ?? null,
      gender: patient.gender ?? null,
    },
    practice: { odsCode: homePractice?.identifier?.find((entry) => entry.system === ODS_SYSTEM)?.value ?? null, name: homePracticeName },
    warnings: uniqueWarnings,
    medications,
    allergies,
    problems,
    immunisations,
    consultations,
    investigations,
    referrals,
    unreadable,
  };
}
