/**
 * Messages to a patient's NHS App: the templates' reviewed wording and the pages' text. A template's wording is
 * fixed here and reviewed like any clinical content (hazard H52): the clinician chooses a template and fills only
 * the short, checked fields it has, never free text (hazard H50).
 */

/** What a template's message is made of: the NHS App shows a subset of Markdown, and the preview draws the same blocks. */
export type MessageBlock = { kind: "heading"; text: string } | { kind: "paragraph"; text: string } | { kind: "link"; text: string; href: string };

export interface MessageFrom {
  organisation: string;
}

export const patientMessages = {
  title: "Messages to the patient's NHS App",
  newTitle: "Send a message to the patient's NHS App",
  start: "Send a message to the patient's NHS App",
  neverOnlyChannel:
    "An NHS App message is never the only way to tell a patient anything urgent. The patient may not see it for days, and the service cannot know that they have read it. Phone them, or tell them in person, as well.",
  off: "Messages to patients' NHS Apps are not turned on for this service. Your organisation must be an NHS App partner to send them.",
  notPermitted:
    "Your role cannot send messages to patients' NHS Apps. You need a clinical role (View Patient Medication) or an admin role that amends patient details, signed in with a smartcard.",
  deceased: "This patient is recorded as having died. Messages cannot be sent to them.",
  listCaption: "Messages sent to this patient's NHS App by your organisation",
  listHeadings: ["Sent", "By", "Message", "Delivery"],
  none: "No messages have been sent to this patient's NHS App by your organisation.",
  receiptsUnavailable: "Delivery could not be checked just now. The states below are as last known.",
  receiptsRetrieved: (at: string) => `Delivery from the NHS App's receipts, checked ${at}.`,
  chooseTemplate: "Which message?",
  templateHint: "Each message's wording has been reviewed. You can only fill in the details it asks for.",
  continue: "Continue",
  preview: "What the patient will read",
  previewHint:
    "This is exactly what the message says in the patient's NHS App. They also get a notification saying they have a new message, if they have notifications on.",
  change: "Change the message",
  send: "Send to the patient's NHS App",
  sending: "Sending…",
  back: "Back to messages",
  checkStatus: "Check whether it was sent",
  sendAgain: "Send again",
  states: {
    draft: "Not sent yet",
    sending: "Sending",
    sent: "Sent to the NHS App",
    unknown: "Not known yet whether it was sent",
    "not-sent": "Not sent",
    refused: "Refused by the NHS App",
  },
  outcome: {
    sent: "The message was sent to the patient's NHS App.",
    unknown:
      "We do not know yet whether the NHS App received the message. Do not send it again: check whether it was sent first. The NHS App's receipts report is read to find it.",
    stillUnknown: "The NHS App's receipts do not show this message yet. It may still arrive there. Check again later before sending it again.",
    notSent: "The NHS App did not receive the message. You can send the same message again.",
    refused: (why: string | null) => `The NHS App refused the message${why ? `: ${why}` : ""}. It was not sent.`,
    forbidden: "This service is not allowed to send NHS App messages. It was not sent. Tell your system administrator.",
    failed: "The message could not be sent just now. It was not sent.",
  },
  delivery: {
    none: "No receipt yet",
    Delivered: "Delivered to the NHS App inbox",
    NotificationAttempted: "Notification sent to the patient's phone",
    Notified: "Notification shown on the patient's phone",
    Unnotified: "Delivered, but the patient has notifications off: they will see it only when they open the NHS App",
    Read: "Read by the patient",
    Rejected: "Rejected: the patient cannot get NHS App messages",
    unknownSend: "Not known yet whether it was sent",
  },
  cannotReceive:
    "This patient cannot get NHS App messages (they have no NHS App account with their identity fully checked). Contact them another way: by letter, phone or text message.",
  noNotifications:
    "This patient has NHS App notifications turned off, so they will not be told about the message. Contact them another way if they need to know soon.",
  fields: {
    service: { label: "Service the patient is referred to", hint: "As the patient will know it, for example Leeds City Urgent Treatment Centre" },
    phone: { label: "Service's phone number", hint: "For example 0113 123 4567" },
    when: { label: "When to go or expect contact (optional)", hint: "For example within 2 weeks, or on 12 December 2026 at 10:30am" },
    vaccine: { label: "Vaccine" },
    given: { label: "Date given", hint: "For example 27 11 2026" },
    page: { label: "NHS website page" },
  },
  errors: {
    required: (label: string) => `Enter ${label.toLowerCase()}`,
    choose: "Choose a message",
    chooseOption: (label: string) => `Choose the ${label.toLowerCase()}`,
    tooLong: (label: string, max: number) => `${label} must be ${max} characters or fewer`,
    characters: (label: string) => `${label} must contain only letters, numbers, spaces and . , ' - / : &`,
    phone: "Enter a phone number, like 0113 123 4567",
    date: "Enter the date given, like 27 11 2026",
  },
  templates: {
    "referral-sent": {
      name: "Referral sent: where to go and how to contact them",
      campaign: "care-record-viewer-referral-sent",
      blocks: (values: { service: string; phone: string; when: string | null }, from: MessageFrom): MessageBlock[] => [
        { kind: "heading", text: "You have been referred" },
        { kind: "paragraph", text: `${from.organisation} has referred you to ${values.service}.` },
        ...(values.when ? [{ kind: "paragraph" as const, text: `When: ${values.when}.` }] : []),
        { kind: "paragraph", text: `If you have not heard from them, or need to change anything, call ${values.service} on ${values.phone}.` },
      ],
    },
    "vaccination-recorded": {
      name: "Vaccination recorded",
      campaign: "care-record-viewer-vaccination-recorded",
      blocks: (values: { vaccine: string; given: string }, from: MessageFrom): MessageBlock[] => [
        { kind: "heading", text: "Your vaccination has been recorded" },
        { kind: "paragraph", text: `${from.organisation} has recorded your ${values.vaccine} vaccination, given on ${values.given}, in your NHS record.` },
        { kind: "paragraph", text: "You can see your vaccinations in the NHS App." },
      ],
    },
    "nhs-website-page": {
      name: "Information from the NHS website",
      campaign: "care-record-viewer-nhs-website-page",
      blocks: (values: { title: string; url: string }, from: MessageFrom): MessageBlock[] => [
        { kind: "heading", text: "Information from the NHS website" },
        { kind: "paragraph", text: `${from.organisation} would like you to read the NHS website's page about ${values.title}.` },
        { kind: "link", text: `${values.title} on the NHS website`, href: values.url },
      ],
    },
  },
  /** Every message ends with this, whatever the template: a message is never the way to get urgent help. */
  footer: (from: MessageFrom): MessageBlock[] => [
    {
      kind: "paragraph",
      text: `This message is from ${from.organisation}. Do not reply to it. If you need medical help urgently, call 111, or 999 in an emergency.`,
    },
  ],
} as const;
