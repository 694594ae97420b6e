/** Text for the Summary Care Record and its basis of access. Part of the content module (index.ts). */

export const scr = {
  title: "Summary Care Record",
  notPermitted:
    "Your selected role cannot view Summary Care Records. It needs a smartcard or equivalent sign-in (assurance level 3) and an activity such as View Patient Medication (B0401).",
  basis: {
    title: "Why are you accessing this patient's Summary Care Record?",
    lead: "You must have a reason to see this record. What you choose is recorded with your name, role and organisation, and some choices alert your organisation's Privacy Officer.",
    legend: "Basis of access",
    options: {
      "patient-permission": { label: "The patient has given permission to view their record", hint: "They are here or on the phone and have agreed." },
      "legitimate-relationship": {
        label: "I have a legitimate relationship with the patient",
        hint: "I am involved in their care now, for example through a referral or booking.",
      },
      "self-claimed-relationship": {
        label: "I am claiming a legitimate relationship",
        hint: "I am involved in their care but the system does not yet show it. Your Privacy Officer will be alerted.",
      },
      "emergency-access": {
        label: "Emergency access",
        hint: "The patient cannot give permission and delay would harm them. Your Privacy Officer will be alerted, and you must give a reason.",
      },
    },
    reasonLegend: "Reason for emergency access",
    reasonHint: "Required for emergency access.",
    reasons: [
      "Patient is unconscious or unable to give permission",
      "Medical emergency and the patient cannot be asked",
      "Access is in the public interest",
      "Other reason (give details)",
    ],
    detailsLabel: "Details (required for an other reason, optional for a claimed relationship)",
    confirm: "Continue to the record",
    errors: {
      basis: "Select why you are accessing this record",
      reason: "Select the reason for emergency access",
      details: "Give details of the other reason for emergency access",
      detailsLength: "Details must be 200 characters or fewer",
    },
    alertFailed: "The alert to your Privacy Officer could not be sent, so the record is not shown. Try again in a few minutes.",
    recorded: (basis: string) => `Access recorded: ${basis}.`,
  },
  consent: {
    Yes: "The patient has given permission to view",
    No: "The patient has declined permission to view",
    Ask: "Ask the patient for permission to view",
  } as Record<string, string>,
  noScr: {
    heading: "This patient has no Summary Care Record",
    body: "Spine holds no Summary Care Record for this patient. Check their GP record or ask the patient about medicines and allergies.",
  },
  noConsent: {
    heading: "This patient's Summary Care Record is not available",
    body: "The patient has opted out of having a Summary Care Record, or access is blocked for this record. Ask the patient about their medicines and allergies.",
  },
  noResults: {
    heading: "The Summary Care Record could not be found",
    body: "Spine said this patient has a Summary Care Record but returned nothing for it. It may have just been replaced. Try again; if this keeps happening, contact your IT service desk.",
  },
  lastUpdated: (date: string) => `Last updated ${date}`,
  source: (practice: string) => `From the GP record at ${practice}`,
  medications: "Medications",
  currentMedications: "Current medications",
  pastMedications: "Past medications",
  noMedications: "No medications recorded",
  medicationHeadings: { type: "Type", name: "Medication", dosage: "Dose and instructions", quantity: "Quantity", date: "Date" },
  medicationKinds: { acute: "Acute (prescribed)", repeat: "Repeat (last issued)", discontinued: "Discontinued" } as Record<string, string>,
  allergies: "Allergies and adverse reactions",
  noAllergies: "No allergies or adverse reactions recorded",
  allergyHeadings: { description: "Causative agent and reaction", severity: "Severity", certainty: "Certainty", date: "Date recorded" },
  additional: "Additional information",
  print: "Print view",
  printThis: "Print this page",
  printedBy: (name: string, role: string, organisation: string, when: string) => `Printed by ${name}, ${role}, ${organisation}, on ${when}.`,
  printNotice: "Confidential: contains patient information. Store and dispose of securely.",
  needsBasis: "Confirm your basis of access on the Summary Care Record page before printing.",
} as const;
