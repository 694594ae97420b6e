"use server";

import { redirect } from "next/navigation";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import {
  canMessagePatients,
  checkMessageStatus,
  messageAction,
  messageChoices,
  previewMessage,
  reviseMessage,
  sendMessage,
  startMessage,
} from "@/lib/features/patient-messages/messages";
import { MESSAGE_FIELDS, validateMessageForm } from "@/lib/features/patient-messages/templates";
import { postedForm, readForm, type FieldError, type FormValues } from "@/lib/forms";
import { paths } from "@/lib/routes";

const REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const text = content.patientMessages;

export type MessageFormState = { status: "editing"; values: FormValues; errors: FieldError[] };
export type SendState = { status: "idle" } | { status: "message"; message: string };

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "").slice(0, 40);

/** The acting user, allowed to message patients, with a patient opened in this session; anything else goes back to a safe page. */
async function messagingUser(formData: FormData) {
  const { session, role } = await requireActingRole();
  const patientRef = field(formData, "patientRef");
  if (!REF.test(patientRef) || !session.patientRefs[patientRef]) redirect(paths.findPatient());
  if (!canMessagePatients(session, role)) redirect(paths.patientMessages(patientRef));
  return { session, role, patientRef };
}

export async function startMessageAction(posted: unknown) {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await messagingUser(formData);
  const actionRef = await startMessage(session, role, patientRef);
  redirect(actionRef ? paths.patientMessage(patientRef, actionRef) : paths.patientMessages(patientRef));
}

/** Checks the template and its fields, then shows the preview: exactly what the patient will read. */
export async function previewMessageAction(_previous: MessageFormState, posted: unknown): Promise<MessageFormState> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await messagingUser(formData);
  const actionRef = field(formData, "actionRef");
  if (!messageAction(session, patientRef, actionRef)) redirect(paths.patientMessages(patientRef));
  const values = readForm(formData, MESSAGE_FIELDS);
  const validated = validateMessageForm(values, messageChoices());
  if (validated.kind === "invalid") return { status: "editing", values, errors: validated.errors };
  await previewMessage(session, role, patientRef, actionRef, validated.values);
  redirect(paths.patientMessage(patientRef, actionRef));
}

export async function reviseMessageAction(posted: unknown) {
  const formData = postedForm(posted);
  const { session, patientRef } = await messagingUser(formData);
  const actionRef = field(formData, "actionRef");
  // only a message started in this session, for this patient, is ever named in an address
  if (!messageAction(session, patientRef, actionRef)) redirect(paths.patientMessages(patientRef));
  await reviseMessage(session, patientRef, actionRef);
  redirect(paths.patientMessage(patientRef, actionRef));
}

/** Sends the previewed message once; a second post while the first is in flight waits for its outcome. */
export async function sendMessageAction(_previous: SendState, posted: unknown): Promise<SendState> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await messagingUser(formData);
  const actionRef = field(formData, "actionRef");
  const result = await sendMessage(session, role, patientRef, actionRef);
  if (result.kind === "patient-unavailable") return { status: "message", message: content.vaccination.patientUnavailable };
  if (result.kind === "patient-deceased") return { status: "message", message: text.deceased };
  redirect(result.kind === "done" ? paths.patientMessage(patientRef, actionRef) : paths.patientMessages(patientRef));
}

/** After an unknown outcome: the receipts report, read for the message's reference. Never sends. */
export async function checkMessageStatusAction(posted: unknown) {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await messagingUser(formData);
  const actionRef = field(formData, "actionRef");
  if (!messageAction(session, patientRef, actionRef)) redirect(paths.patientMessages(patientRef));
  await checkMessageStatus(session, role, patientRef, actionRef);
  redirect(paths.patientMessage(patientRef, actionRef));
}
