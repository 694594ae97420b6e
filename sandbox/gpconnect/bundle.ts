/**
 * A GP record as GP Connect Access Record: Structured returns it (FHIR STU3, GPConnect-StructuredRecord-Bundle-1):
 * the Patient, the practice, its clinicians, and one List per section asked for, each naming its items, with the
 * section's warnings (extension code and note text). Built from the stand-in's facts (records.ts).
 */
import type { FhirPatient } from "../pds/fixtures";
import { practiceName, WARNING_TEXT, type GpRecordFacts } from "./records";

const SCT = "http://snomed.info/sct";
const PROFILE = (name: string) => ({ profile: [`https://fhir.nhs.uk/STU3/StructureDefinition/${name}`] });
const WARNING_EXTENSION = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-ListWarningCode-1";

/** The sections a request asked for, as the provider reads its Parameters. */
export interface SectionsAsked {
  allergies: { resolved: boolean } | null;
  medication: { issues: boolean } | null;
  /** null: no consultations; a number: only the latest that many; "all": every one. */
  consultations: number | "all" | null;
  problems: boolean;
  immunisations: boolean;
  investigations: boolean;
  referrals: boolean;
}

const concept = (name: string, code: string, codeOnly = false) =>
  codeOnly ? { coding: [{ system: SCT, code }] } : { coding: code ? [{ system: SCT, code, display: name }] : undefined, text: name };

type Resource = Record<string, unknown> & { resourceType: string; id: string };

export function structuredBundle(facts: GpRecordFacts, pdsPatient: FhirPatient | undefined, asked: SectionsAsked, now: Date): unknown {
  const resources: Resource[] = [];
  const practiceId = `org-${facts.practiceOds}`;
  const patientId = `patient-${facts.nhsNumber}`;
  const subject = { reference: `Patient/${patientId}` };
  const pdsName = (pdsPatient?.name as Array<{ family?: string; given?: string[] }> | undefined)?.[0];
  const who = facts.demographics ?? {
    family: pdsName?.family ?? "",
    given: pdsName?.given ?? [],
    birthDate: String(pdsPatient?.birthDate ?? ""),
    gender: (pdsPatient?.gender as "male" | "female") ?? "female",
  };

  resources.push({
    resourceType: "Patient",
    id: patientId,
    meta: PROFILE("CareConnect-GPC-Patient-1"),
    identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: facts.nhsNumber }],
    active: true,
    name: [{ use: "official", family: who.family, given: who.given }],
    gender: who.gender,
    birthDate: who.birthDate,
    managingOrganization: { reference: `Organization/${practiceId}` },
  });
  resources.push({
    resourceType: "Organization",
    id: practiceId,
    meta: PROFILE("CareConnect-GPC-Organization-1"),
    identifier: [{ system: "https://fhir.nhs.uk/Id/ods-organization-code", value: facts.practiceOds }],
    name: practiceName(facts.practiceOds),
  });
  for (const clinician of facts.clinicians) {
    resources.push({
      resourceType: "Practitioner",
      id: `practitioner-${clinician.key}`,
      meta: PROFILE("CareConnect-GPC-Practitioner-1"),
      identifier: [{ system: "https://fhir.nhs.uk/Id/sds-user-id", value: clinician.sdsUserId }],
      name: [{ use: "usual", family: clinician.family, given: [clinician.given], prefix: [clinician.prefix] }],
    });
    resources.push({
      resourceType: "PractitionerRole",
      id: `role-${clinician.key}`,
      meta: PROFILE("CareConnect-GPC-PractitionerRole-1"),
      practitioner: { reference: `Practitioner/practitioner-${clinician.key}` },
      organization: { reference: `Organization/${practiceId}` },
      code: [{ coding: [{ system: "https://fhir.hl7.org.uk/STU3/CodeSystem/CareConnect-SDSJobRoleName-1", ...clinician.jobRole }] }],
    });
  }
  const role = (key: string) => ({ reference: `PractitionerRole/role-${key}` });

  function list(
    title: string,
    code: string,
    display: string,
    items: Resource[],
    warnings: GpRecordFacts["warnings"][keyof GpRecordFacts["warnings"]] = [],
    more = {},
  ) {
    resources.push(...items);
    resources.push({
      resourceType: "List",
      id: `list-${code}-${resources.length}`,
      meta: PROFILE("CareConnect-GPC-List-1"),
      status: "current",
      mode: "snapshot",
      title,
      code: { coding: [{ system: SCT, code, display }] },
      subject,
      date: now.toISOString(),
      ...(warnings?.length
        ? {
            extension: warnings.map((warning) => ({ url: WARNING_EXTENSION, valueCode: warning })),
            note: warnings.map((warning) => ({ text: WARNING_TEXT[warning] })),
          }
        : {}),
      ...(items.length
        ? { entry: items.map((item) => ({ item: { reference: `${item.resourceType}/${item.id}` } })) }
        : { emptyReason: { coding: [{ system: "http://hl7.org/fhir/special-values", code: "no-content-recorded", display: "No Content Recorded" }] } }),
      ...more,
    });
  }

  if (asked.medication) {
    const items: Resource[] = [];
    facts.medications.forEach((medication, index) => {
      const plan = `plan-${index}`;
      items.push({
        resourceType: "Medication",
        id: `medication-${index}`,
        meta: PROFILE("CareConnect-GPC-Medication-1"),
        code: concept(medication.name, medication.code),
      });
      items.push({
        resourceType: "MedicationStatement",
        id: `statement-${index}`,
        meta: PROFILE("CareConnect-GPC-MedicationStatement-1"),
        extension: [
          {
            url: "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationStatementLastIssueDate-1",
            valueDateTime: medication.issues.at(-1),
          },
        ],
        basedOn: [{ reference: `MedicationRequest/${plan}` }],
        status: medication.status,
        medicationReference: { reference: `Medication/medication-${index}` },
        effectivePeriod: { start: medication.start, ...(medication.end ? { end: medication.end } : {}) },
        dateAsserted: medication.start,
        subject,
        taken: "unk",
        dosage: [{ text: medication.dosage }],
      });
      const request = (id: string, intent: "plan" | "order", authoredOn: string, more: Record<string, unknown> = {}) => ({
        resourceType: "MedicationRequest",
        id,
        meta: PROFILE("CareConnect-GPC-MedicationRequest-1"),
        extension: [
          {
            url: "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-PrescriptionType-1",
            valueCodeableConcept: {
              coding: [
                {
                  system: "https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-PrescriptionType-1",
                  code: medication.type,
                  display: medication.type === "acute" ? "Acute" : "Repeat",
                },
              ],
            },
          },
        ],
        status: intent === "plan" ? medication.status : "completed",
        intent,
        medicationReference: { reference: `Medication/medication-${index}` },
        subject,
        authoredOn,
        recorder: role(medication.by),
        dosageInstruction: [{ text: medication.dosage }],
        dispenseRequest: {
          validityPeriod: { start: authoredOn },
          quantity: {
            extension: [
              { url: "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationQuantityText-1", valueString: medication.quantity },
            ],
          },
        },
        ...more,
      });
      items.push(request(plan, "plan", medication.start));
      if (asked.medication?.issues)
        medication.issues.forEach((issued, issue) =>
          items.push(request(`order-${index}-${issue}`, "order", issued, { basedOn: [{ reference: `MedicationRequest/${plan}` }] })),
        );
    });
    list("Medications and medical devices", "933361000000108", "Medications and medical devices", items, facts.warnings.medications);
  }

  if (asked.allergies) {
    const allergy = (index: number) => {
      const facts_ = facts.allergies[index];
      return {
        resourceType: "AllergyIntolerance",
        id: `allergy-${index}`,
        meta: PROFILE("CareConnect-GPC-AllergyIntolerance-1"),
        ...(facts_.ended
          ? {
              extension: [
                {
                  url: "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-AllergyIntoleranceEnd-1",
                  extension: [
                    { url: "endDate", valueDateTime: facts_.ended.date },
                    { url: "reasonEnded", valueString: facts_.ended.reason },
                  ],
                },
              ],
            }
          : {}),
        clinicalStatus: facts_.ended ? "resolved" : "active",
        verificationStatus: "confirmed",
        category: ["medication"],
        code: concept(facts_.name, facts_.code),
        patient: subject,
        assertedDate: facts_.asserted,
        recorder: role(facts_.by),
        reaction: [{ manifestation: [{ text: facts_.reaction }], severity: facts_.severity }],
      };
    };
    const indices = facts.allergies.map((_, index) => index);
    list(
      "Allergies and adverse reactions",
      "886921000000105",
      "Allergies and adverse reaction",
      indices.filter((index) => !facts.allergies[index].ended).map(allergy),
      facts.warnings.allergies,
    );
    if (asked.allergies.resolved) {
      const ended = indices.filter((index) => facts.allergies[index].ended).map(allergy);
      // ended allergies travel inside their List, as GP Connect specifies
      resources.push({
        resourceType: "List",
        id: "list-ended-allergies",
        meta: PROFILE("CareConnect-GPC-List-1"),
        status: "current",
        mode: "snapshot",
        title: "Ended allergies",
        code: { coding: [{ system: SCT, code: "1103671000000101", display: "Ended allergies" }] },
        subject,
        date: now.toISOString(),
        contained: ended,
        ...(ended.length ? { entry: ended.map((item) => ({ item: { reference: `#${item.id}` } })) } : {}),
      });
    }
  }

  if (asked.problems) {
    const items = facts.problems.map((problem, index) => ({
      resourceType: "Condition",
      id: `problem-${index}`,
      meta: PROFILE("CareConnect-GPC-ProblemHeader-Condition-1"),
      extension: [{ url: "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-ProblemSignificance-1", valueCode: problem.significance }],
      clinicalStatus: problem.ended ? "inactive" : "active",
      category: [{ coding: [{ system: "http://hl7.org/fhir/condition-category", code: "problem-list-item" }] }],
      code: concept(problem.name, problem.code),
      subject,
      onsetDateTime: problem.onset,
      ...(problem.ended ? { abatementDateTime: problem.ended } : {}),
      assertedDate: problem.onset,
      asserter: role(problem.by),
    }));
    list("Problems", "717711000000103", "Problems", items, facts.warnings.problems);
  }

  if (asked.immunisations) {
    const items = facts.immunisations.map((immunisation, index) => ({
      resourceType: "Immunization",
      id: `immunisation-${index}`,
      meta: PROFILE("CareConnect-GPC-Immunization-1"),
      status: "completed",
      notGiven: false,
      vaccineCode: concept(immunisation.name, immunisation.code, immunisation.codeOnly),
      patient: subject,
      date: immunisation.date,
      primarySource: true,
      practitioner: [{ actor: role(immunisation.by) }],
    }));
    list("Immunisations", "1102181000000102", "Immunisations", items);
  }

  if (asked.consultations !== null) {
    const newestFirst = [...facts.consultations].sort((a, b) => b.date.localeCompare(a.date));
    const chosen = asked.consultations === "all" ? newestFirst : newestFirst.slice(0, asked.consultations);
    const consultationLists: Resource[] = [];
    chosen.forEach((consultation, index) => {
      const encounterId = `encounter-${consultation.date}-${index}`;
      resources.push({
        resourceType: "Encounter",
        id: encounterId,
        meta: PROFILE("CareConnect-GPC-Encounter-1"),
        status: "finished",
        type: [{ text: consultation.type }],
        subject,
        participant: [{ individual: role(consultation.by) }],
        period: { start: `${consultation.date}T09:30:00+00:00` },
        serviceProvider: { reference: `Organization/${practiceId}` },
      });
      const headingLists = consultation.headings.map((heading, headingIndex) => {
        const observations = heading.items.map((item, itemIndex) => ({
          resourceType: "Observation",
          id: `obs-${encounterId}-${headingIndex}-${itemIndex}`,
          meta: PROFILE("CareConnect-GPC-Observation-1"),
          status: "final",
          code: concept(item.name, item.code),
          subject,
          effectiveDateTime: consultation.date,
          ...(item.value ? { valueString: item.value } : {}),
          performer: [role(consultation.by)],
        }));
        resources.push(...observations);
        const heading_ = {
          resourceType: "List",
          id: `heading-${encounterId}-${headingIndex}`,
          meta: PROFILE("CareConnect-GPC-List-1"),
          status: "current",
          mode: "snapshot",
          title: heading.heading,
          code: { coding: [{ system: SCT, code: "24781000000107", display: "Category (heading)" }] },
          subject,
          entry: observations.map((item) => ({ item: { reference: `Observation/${item.id}` } })),
        };
        resources.push(heading_);
        return heading_;
      });
      const topic = {
        resourceType: "List",
        id: `topic-${encounterId}`,
        meta: PROFILE("CareConnect-GPC-List-1"),
        status: "current",
        mode: "snapshot",
        code: { coding: [{ system: SCT, code: "25851000000105", display: "Topic (EHR)" }] },
        subject,
        entry: headingLists.map((item) => ({ item: { reference: `List/${item.id}` } })),
      };
      resources.push(topic);
      const consultationList = {
        resourceType: "List",
        id: `consultation-${encounterId}`,
        meta: PROFILE("CareConnect-GPC-List-1"),
        status: "current",
        mode: "snapshot",
        title: consultation.type,
        code: { coding: [{ system: SCT, code: "325851000000107", display: "Consultation" }] },
        subject,
        encounter: { reference: `Encounter/${encounterId}` },
        entry: [{ item: { reference: `List/${topic.id}` } }],
      };
      resources.push(consultationList);
      consultationLists.push(consultationList);
    });
    resources.push({
      resourceType: "List",
      id: "list-consultations",
      meta: PROFILE("CareConnect-GPC-List-1"),
      status: "current",
      mode: "snapshot",
      title: "List of consultations",
      code: { coding: [{ system: SCT, code: "1149501000000101", display: "List of consultations" }] },
      subject,
      date: now.toISOString(),
      ...(facts.warnings.consultations?.length
        ? {
            extension: facts.warnings.consultations.map((warning) => ({ url: WARNING_EXTENSION, valueCode: warning })),
            note: facts.warnings.consultations.map((warning) => ({ text: WARNING_TEXT[warning] })),
          }
        : {}),
      entry: consultationLists.map((item) => ({ item: { reference: `List/${item.id}` } })),
    });
  }

  if (asked.investigations) {
    const items: Resource[] = [];
    facts.investigations.forEach((investigation, index) => {
      const results = investigation.results.map((result, resultIndex) => ({
        resourceType: "Observation",
        id: `result-${index}-${resultIndex}`,
        meta: PROFILE("CareConnect-GPC-Observation-1"),
        status: "final",
        code: concept(result.name, result.code),
        subject,
        effectiveDateTime: investigation.date,
        valueQuantity: { value: result.value, unit: result.unit },
      }));
      items.push(...results);
      items.push({
        resourceType: "DiagnosticReport",
        id: `report-${index}`,
        meta: PROFILE("CareConnect-GPC-DiagnosticReport-1"),
        status: "final",
        code: concept(investigation.name, investigation.code),
        subject,
        issued: `${investigation.date}T12:00:00+00:00`,
        performer: [{ actor: role(investigation.by) }],
        result: results.map((result) => ({ reference: `Observation/${result.id}` })),
      });
    });
    list("Investigations and results", "887191000000108", "Investigation results", items);
  }

  if (asked.referrals) {
    const items = facts.referrals.map((referral, index) => ({
      resourceType: "ReferralRequest",
      id: `referral-${index}`,
      meta: PROFILE("CareConnect-GPC-ReferralRequest-1"),
      status: "active",
      intent: "order",
      priority: referral.priority,
      subject,
      authoredOn: referral.date,
      requester: { agent: role(referral.by) },
      specialty: { text: referral.specialty },
      reasonCode: [{ text: referral.reason }],
    }));
    list("Outbound referral", "792931000000107", "Outbound referral", items);
  }

  return {
    resourceType: "Bundle",
    id: `record-${facts.nhsNumber}`,
    meta: PROFILE("GPConnect-StructuredRecord-Bundle-1"),
    type: "collection",
    entry: resources.map((resource) => ({ resource })),
  };
}
