import { randomBytes } from "node:crypto";
import { type MeshCredentials, meshTokenSignedBy, meshTokenTime, parseMeshAuthorization } from "../../lib/nhs/mesh/auth";
import { LOCAL_MESH } from "../../lib/nhs/mesh/local";
import { isValidNhsNumber } from "../../lib/format/nhs-number";
import type { FhirPatient } from "../pds/fixtures";
import { practiceAcknowledgement, type PracticeBehaviour } from "./practice";

/** A message as the stand-in's MESH holds it: in the sender's outbox while it uploads, then in an inbox. */
export interface StoredMessage {
  messageId: string;
  from: string;
  to: string;
  workflowId: string;
  subject: string | null;
  localId: string | null;
  fileName: string | null;
  contentType: string;
  messageType: "DATA" | "REPORT";
  chunks: Buffer[];
  totalChunks: number;
  /** uploading: chunks still to come; accepted: in the recipient's inbox; acknowledged: downloaded; undeliverable: a report went back. */
  status: "uploading" | "accepted" | "acknowledged" | "undeliverable";
  statusCode: string | null;
  statusDescription: string | null;
  linkedMessageId: string | null;
  recipient: string | null;
  uploadedAt: Date;
  /** For a simulated practice's ITK3 acknowledgement: the message it answers (for the journeys' counts). */
  replyTo?: string;
}

interface Mailbox {
  password: string;
  /** A simulated practice system that takes its messages itself and answers with ITK3 acknowledgements. */
  practice?: PracticeBehaviour;
  inbox: string[];
}

/** The ITK3 workflow Send Document sends on, and its acknowledgements'. */
export const GP_WORKFLOW = "GPFED_CONSULT_REPORT";
export const GP_ACK_WORKFLOW = "GPFED_CONSULT_REPORT_ACK";

/**
 * The stand-in's GP practices and their MESH mailboxes (synthetic): Ancholme Valley accepts summaries,
 * Trevelyan Square's system rejects them (a business acknowledgement with an error), and the practice codes with
 * two mailboxes give EPL-150. A practice absent here has no mailbox for the workflow (EPL-151).
 */
export const PRACTICE_MAILBOXES: Record<string, Array<{ mailboxId: string; practice: PracticeBehaviour }>> = {
  A20047: [{ mailboxId: "A20047GP01", practice: "accepts" }],
  Y12345: [{ mailboxId: "Y12345GP01", practice: "rejects" }],
  B86041: [
    { mailboxId: "B86041GP01", practice: "accepts" },
    { mailboxId: "B86041GP02", practice: "accepts" },
  ],
};

/**
 * NHS numbers MESH's routing no longer finds (EPL-153) although the stand-in's PDS still returns them: Kathy
 * KNAPP's duplicate records were merged in the Spine after the app read her from PDS, and the number the summary
 * is addressed to was retired by the merge, which MESH's routing already sees.
 */
export const ROUTING_RETIRED_NHS_NUMBERS: ReadonlySet<string> = new Set(["9736363120"]);

const REPORT_DESCRIPTIONS: Record<string, string> = {
  "EPL-150": "Multiple mailboxes matched",
  "EPL-151": "No mailbox matched",
  "EPL-152": "Invalid NHS number",
  "EPL-153": "NHS number not found",
  "EPL-154": "NHS number found but demographics do not match",
};

const TWO_HOURS = 2 * 60 * 60 * 1000;

export type AuthCheck = { ok: true; mailboxId: string } | { ok: false; status: 403; reason: string };

/**
 * The stand-in's MESH: mailboxes with passwords, the NHSMESH check (single-use tokens), messages and their
 * chunks, tracking, and automated GPPROVIDER routing through the stand-in's PDS, with error reports where it fails.
 */
export class MeshService {
  readonly mailboxes = new Map<string, Mailbox>();
  readonly messages = new Map<string, StoredMessage>();
  private readonly usedTokens = new Set<string>();
  private readonly pending = new Map<ReturnType<typeof setTimeout>, () => void>();
  private readonly sharedKey: string;
  /** Each practice's mailboxes for the workflow (a copy of PRACTICE_MAILBOXES that the journeys may change). */
  private readonly practices = new Map<string, Array<{ mailboxId: string; practice: PracticeBehaviour }>>();
  /** How long a simulated practice takes to collect a message, and then to send each acknowledgement. */
  practiceDelayMs: number;
  /** A MESH-only fault: the next message sent is taken, and its answer is lost (a fault on every MESH path would hit the poller too). */
  loseNextSendAnswer = false;
  /** The next GPPROVIDER message is refused with this report (EPL-150..154) whatever PDS holds: as if PDS changed after the summary was written. */
  nextRoutingFailure: string | null = null;
  private acknowledgementsHeld = false;
  private readonly heldAcknowledgements: Array<() => void> = [];
  private readonly afterRelease: Array<() => void> = [];
  /** Acknowledgement requests answered on MESH's paths, by message id: a message acknowledged twice shows 2. */
  readonly acknowledgementsAnswered = new Map<string, number>();
  /** Held acknowledgement requests whose sender had gone by the release. */
  droppedAcknowledgements = 0;

  constructor(
    private readonly patient: (nhsNumber: string) => FhirPatient | undefined,
    options: { sharedKey?: string; practiceDelayMs?: number } = {},
  ) {
    this.sharedKey = options.sharedKey ?? LOCAL_MESH.sharedKey;
    this.practiceDelayMs = options.practiceDelayMs ?? 1500;
    this.mailboxes.set(LOCAL_MESH.mailboxId, { password: LOCAL_MESH.password, inbox: [] });
    for (const [odsCode, boxes] of Object.entries(PRACTICE_MAILBOXES)) this.setPractice(odsCode, boxes);
  }

  /** Gives a practice these mailboxes (none: no mailbox for the workflow; two: EPL-150), each a simulated practice system. */
  setPractice(odsCode: string, boxes: Array<{ mailboxId: string; practice: PracticeBehaviour }>) {
    this.practices.set(
      odsCode,
      boxes.map((box) => ({ ...box })),
    );
    for (const box of boxes) {
      const existing = this.mailboxes.get(box.mailboxId);
      if (existing) existing.practice = box.practice;
      else this.mailboxes.set(box.mailboxId, { password: "password", practice: box.practice, inbox: [] });
    }
  }

  /** Back to the stand-in's own practices. */
  resetPractices() {
    this.practices.clear();
    for (const [odsCode, boxes] of Object.entries(PRACTICE_MAILBOXES)) this.setPractice(odsCode, boxes);
  }

  credentialsOf(mailboxId: string): MeshCredentials | null {
    const mailbox = this.mailboxes.get(mailboxId);
    return mailbox ? { mailboxId, password: mailbox.password, sharedKey: this.sharedKey } : null;
  }

  /** The NHSMESH header for a request on `pathMailbox`'s paths: signed by that mailbox, in time, never seen before. */
  authorise(header: string | undefined, pathMailbox: string, now = Date.now()): AuthCheck {
    const token = parseMeshAuthorization(header);
    if (!token) return { ok: false, status: 403, reason: "no NHSMESH token" };
    const credentials = this.credentialsOf(token.mailboxId);
    if (!credentials || token.mailboxId !== pathMailbox) return { ok: false, status: 403, reason: "mailbox" };
    if (Math.abs(now - meshTokenTime(token)) > TWO_HOURS) return { ok: false, status: 403, reason: "timestamp" };
    if (!meshTokenSignedBy(token, credentials)) return { ok: false, status: 403, reason: "hash" };
    const key = `${token.mailboxId}:${token.nonce}:${token.nonceCount}`;
    if (this.usedTokens.has(key)) return { ok: false, status: 403, reason: "token reused" };
    this.usedTokens.add(key);
    return { ok: true, mailboxId: token.mailboxId };
  }

  private newMessageId(now: Date) {
    const stamp = now
      .toISOString()
      .replace(/[-T:.Z]/g, "")
      .slice(0, 17);
    return `${stamp}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}_${randomBytes(3).toString("hex").toUpperCase()}`;
  }

  /** The first (or only) chunk of a message from `from`; routes it once all its chunks are in. */
  upload(
    from: string,
    headers: { to: string; workflowId: string; subject?: string; localId?: string; fileName?: string; contentType?: string; totalChunks: number },
    body: Buffer,
  ): StoredMessage {
    const now = new Date();
    const message: StoredMessage = {
      messageId: this.newMessageId(now),
      from,
      to: headers.to,
      workflowId: headers.workflowId,
      subject: headers.subject ?? null,
      localId: headers.localId ?? null,
      fileName: headers.fileName ?? null,
      contentType: headers.contentType ?? "application/octet-stream",
      messageType: "DATA",
      chunks: [body],
      totalChunks: headers.totalChunks,
      status: "uploading",
      statusCode: null,
      statusDescription: null,
      linkedMessageId: null,
      recipient: null,
      uploadedAt: now,
    };
    this.messages.set(message.messageId, message);
    if (message.totalChunks === 1) this.route(message);
    return message;
  }

  /** A later chunk: `chunk` is 2..total, in order. */
  uploadChunk(from: string, messageId: string, chunk: number, body: Buffer): "ok" | "not-found" | "out-of-order" {
    const message = this.messages.get(messageId);
    if (!message || message.from !== from || message.status !== "uploading") return "not-found";
    if (chunk !== message.chunks.length + 1 || chunk > message.totalChunks) return "out-of-order";
    message.chunks.push(body);
    if (message.chunks.length === message.totalChunks) this.route(message);
    return "ok";
  }

  private deliver(message: StoredMessage, recipient: string) {
    message.recipient = recipient;
    message.status = "accepted";
    message.statusCode = "00";
    message.statusDescription = "Transferred to recipient mailbox";
    const mailbox = this.mailboxes.get(recipient)!;
    mailbox.inbox.push(message.messageId);
    if (mailbox.practice) this.later(() => this.practiceCollects(recipient, message.messageId));
  }

  private route(message: StoredMessage) {
    if (!message.to.startsWith("GPPROVIDER_")) {
      if (this.mailboxes.has(message.to)) this.deliver(message, message.to);
      else this.report(message, "EPL-151");
      return;
    }
    if (this.nextRoutingFailure) {
      const code = this.nextRoutingFailure;
      this.nextRoutingFailure = null;
      return this.report(message, code);
    }
    const [, nhsNumber = "", birthDate = "", ...surnameParts] = message.to.split("_");
    const surname = surnameParts.join("_");
    if (!isValidNhsNumber(nhsNumber)) return this.report(message, "EPL-152");
    const patient = ROUTING_RETIRED_NHS_NUMBERS.has(nhsNumber) ? undefined : this.patient(nhsNumber);
    if (!patient) return this.report(message, "EPL-153");
    const usual = (patient.name as Array<{ use?: string; family?: string; period?: { end?: string } }> | undefined)?.find(
      (name) => name.use === "usual" && !name.period?.end,
    );
    const birth = (patient.birthDate as string | undefined)?.replaceAll("-", "");
    if (birth !== birthDate || !usual?.family || usual.family.toUpperCase() !== surname.toUpperCase()) return this.report(message, "EPL-154");
    const gp = (patient.generalPractitioner as Array<{ identifier?: { value?: string } }> | undefined)?.[0]?.identifier?.value;
    const boxes = gp ? (this.practices.get(gp) ?? []) : [];
    if (boxes.length === 0) return this.report(message, "EPL-151");
    if (boxes.length > 1) return this.report(message, "EPL-150");
    this.deliver(message, boxes[0]!.mailboxId);
  }

  /** An error report to the sender about a message that could not be routed. */
  private report(message: StoredMessage, code: string) {
    message.status = "undeliverable";
    message.statusCode = code;
    message.statusDescription = REPORT_DESCRIPTIONS[code] ?? "Undelivered message";
    const report: StoredMessage = {
      ...message,
      messageId: this.newMessageId(new Date()),
      from: message.from,
      to: message.from,
      messageType: "REPORT",
      chunks: [Buffer.alloc(0)],
      totalChunks: 1,
      status: "accepted",
      linkedMessageId: message.messageId,
      recipient: message.from,
      uploadedAt: new Date(),
    };
    this.messages.set(report.messageId, report);
    this.mailboxes.get(message.from)?.inbox.push(report.messageId);
  }

  /** The simulated practice downloads and acknowledges the message, then sends ITK3 acknowledgements back. */
  private practiceCollects(mailboxId: string, messageId: string) {
    const mailbox = this.mailboxes.get(mailboxId)!;
    const message = this.messages.get(messageId)!;
    this.acknowledge(mailboxId, messageId);
    const body = Buffer.concat(message.chunks);
    const reply = (kind: "infrastructure" | "business") => {
      const ack = practiceAcknowledgement(body, kind, mailbox.practice!);
      if (!ack) return;
      const sent = this.upload(
        mailboxId,
        { to: message.from, workflowId: GP_ACK_WORKFLOW, localId: ack.id, fileName: "ack.json", contentType: "application/fhir+json", totalChunks: 1 },
        ack.body,
      );
      sent.replyTo = messageId;
    };
    reply("infrastructure");
    this.later(() => (this.acknowledgementsHeld ? this.afterRelease.push(() => reply("business")) : reply("business")));
  }

  /**
   * A fault for the poller journey: while held, every acknowledgement request waits unanswered (and undone) until
   * release, and the simulated practices keep their business acknowledgements back, so the poller is caught between
   * applying a message and acknowledging it. On release, an acknowledgement whose sender went away meanwhile is
   * dropped, as if it never arrived; the others are done and answered.
   */
  holdAcknowledgements(hold: boolean) {
    this.acknowledgementsHeld = hold;
    if (hold) return;
    for (const step of this.afterRelease.splice(0)) step();
    for (const release of this.heldAcknowledgements.splice(0)) release();
  }

  /** Resolves when acknowledgements are released (at once when they are not held), saying whether it waited. */
  whenAcknowledgementsReleased(): Promise<"was-held" | "not-held"> {
    if (!this.acknowledgementsHeld) return Promise.resolve("not-held");
    return new Promise((resolve) => this.heldAcknowledgements.push(() => resolve("was-held")));
  }

  get heldAcknowledgementCount() {
    return this.heldAcknowledgements.length;
  }

  private later(step: () => void) {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      step();
    }, this.practiceDelayMs);
    this.pending.set(timer, step);
  }

  /** Runs every delayed practice step now (and those they start), for tests that need not wait. */
  settle() {
    const saved = this.practiceDelayMs;
    this.practiceDelayMs = 0;
    try {
      for (let round = 0; round < 10 && this.pending.size; round += 1) {
        for (const [timer, step] of [...this.pending]) {
          clearTimeout(timer);
          this.pending.delete(timer);
          step();
        }
      }
    } finally {
      this.practiceDelayMs = saved;
    }
  }

  close() {
    for (const timer of this.pending.keys()) clearTimeout(timer);
    this.pending.clear();
    this.afterRelease.length = 0;
    this.holdAcknowledgements(false);
  }

  inbox(mailboxId: string): string[] {
    return [...(this.mailboxes.get(mailboxId)?.inbox ?? [])];
  }

  message(mailboxId: string, messageId: string): StoredMessage | undefined {
    const message = this.messages.get(messageId);
    return message && this.mailboxes.get(mailboxId)?.inbox.includes(messageId) ? message : undefined;
  }

  acknowledge(mailboxId: string, messageId: string): boolean {
    const mailbox = this.mailboxes.get(mailboxId);
    const index = mailbox?.inbox.indexOf(messageId) ?? -1;
    if (!mailbox || index < 0) return false;
    mailbox.inbox.splice(index, 1);
    const message = this.messages.get(messageId)!;
    if (message.messageType === "DATA") {
      message.status = "acknowledged";
      message.statusDescription = "Message acknowledged by recipient";
    }
    return true;
  }

  tracking(from: string, by: { messageId: string } | { localId: string }): StoredMessage | undefined {
    if ("messageId" in by) {
      const message = this.messages.get(by.messageId);
      return message?.from === from && message.messageType === "DATA" ? message : undefined;
    }
    return [...this.messages.values()].find((message) => message.from === from && message.localId === by.localId && message.messageType === "DATA");
  }
}
