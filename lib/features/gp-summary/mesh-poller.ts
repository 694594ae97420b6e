import type { AuditEntry } from "@/lib/audit/audit-trail";
import type { MeshClient, MeshInboundMessage } from "@/lib/nhs/mesh/client";
import { parseItk3Response } from "@/lib/nhs/send-document/itk3-response";
import { SEND_DOCUMENT_ACK_WORKFLOW } from "@/lib/nhs/send-document/message";
import type { GpSummaryChange, GpSummaryRecord, GpSummaryState, GpSummaryStore } from "@/lib/state/gp-summary-store";

export const POLLER_LEASE = "mesh-inbox-poller";

/** States an acknowledgement or report may move a summary out of: never back from delivered to sent, never out of accepted or failed. */
const BEFORE_DELIVERED: readonly GpSummaryState[] = ["sending", "unknown", "not-received", "sent"];
const BEFORE_ACCEPTED: readonly GpSummaryState[] = [...BEFORE_DELIVERED, "delivered"];

export interface PollerDependencies {
  store: GpSummaryStore;
  mesh: Pick<MeshClient, "inbox" | "download" | "acknowledge" | "tracking">;
  /** Writes an audit row; resolves once it is durable. */
  audit: (entry: AuditEntry) => Promise<unknown>;
  /** This instance, for the lease. */
  holder: string;
  leaseMilliseconds: number;
  /** A send still "sending" this long after it started was cut short: settled through tracking. */
  sendingDeadlineMilliseconds: number;
  now?: () => number;
}

export interface PollReport {
  polled: boolean;
  applied: number;
  alreadyProcessed: number;
  acknowledged: number;
  reconciled: number;
  failures: number;
}

type Apply = { id: string; from: readonly GpSummaryState[]; change: GpSummaryChange; record: GpSummaryRecord };

/** What an inbox message says about which summary: an error report, or an ITK3 acknowledgement; null when it is about none of ours. */
async function whatItSays(store: GpSummaryStore, message: MeshInboundMessage): Promise<Apply | null> {
  if (message.messageType === "REPORT") {
    const record =
      (message.linkedMessageId && (await store.findByMeshMessageId(message.linkedMessageId))) ||
      (message.localId && (await store.get(message.localId))) ||
      null;
    if (!record) return null;
    return {
      id: record.id,
      record,
      from: BEFORE_ACCEPTED,
      change: {
        state: "failed",
        failureCode: message.statusCode,
        failureDetail: message.statusDescription,
        meshMessageId: record.meshMessageId ?? message.linkedMessageId,
      },
    };
  }
  if (message.workflowId !== SEND_DOCUMENT_ACK_WORKFLOW) return null;
  const response = parseItk3Response(message.body);
  if (!response) return null;
  const record = await store.findByMessageHeaderId(response.respondingTo);
  if (!record) return null;
  if (!response.ok) {
    return {
      id: record.id,
      record,
      from: BEFORE_ACCEPTED,
      change: { state: "failed", failureCode: response.code ?? "rejected", failureDetail: response.display },
    };
  }
  return response.kind === "infrastructure"
    ? { id: record.id, record, from: BEFORE_DELIVERED, change: { state: "delivered" } }
    : { id: record.id, record, from: BEFORE_ACCEPTED, change: { state: "accepted" } };
}

function systemAudit(record: GpSummaryRecord, reason: string, upstreamRequestId: string | null, at: number): AuditEntry {
  return {
    occurredAt: new Date(at).toISOString(),
    userId: "system:mesh-poller",
    userName: "MESH inbox poller",
    roleId: "",
    roleName: "",
    orgCode: record.orgCode,
    action: "gp-summary-status",
    patientNhsNumber: record.nhsNumber,
    basisOfAccess: null,
    reason,
    upstreamRequestId,
    outcome: "data-returned",
  };
}

/**
 * Settles a summary whose send's outcome is not known (a lost answer, or a send cut short) through MESH tracking:
 * by message id when the first chunk's answer gave one, else by its local id. Returns the record as it now is.
 */
export async function reconcileThroughTracking(
  deps: Pick<PollerDependencies, "store" | "mesh" | "audit">,
  record: GpSummaryRecord,
  at: number,
): Promise<GpSummaryRecord> {
  const tracked = await deps.mesh.tracking(record.meshMessageId ? { messageId: record.meshMessageId } : { localId: record.id });
  if (tracked.kind === "failed") return record;
  let change: GpSummaryChange;
  if (tracked.kind === "not-found") change = { state: "not-received", sendingSince: null };
  else if (tracked.tracking.status === "undeliverable")
    change = {
      state: "failed",
      meshMessageId: tracked.tracking.messageId,
      failureCode: tracked.tracking.statusCode,
      failureDetail: tracked.tracking.statusDescription,
    };
  else if (tracked.tracking.status === "uploading") return record;
  else change = { state: "sent", meshMessageId: tracked.tracking.messageId, sentAt: record.sentAt ?? at, sendingSince: null };
  await deps.audit({ ...systemAudit(record, `tracking: ${record.state} to ${change.state}`, change.meshMessageId ?? null, at), action: "gp-summary-check" });
  return (await deps.store.transition(record.id, ["unknown", "sending"], change, at)) ?? record;
}

/**
 * One poll of the mailbox, by whichever instance holds the lease: settles unknown sends through tracking, then
 * downloads each waiting message, applies what it says to its summary (once: the inbox message id is recorded in
 * the same transaction), and only then acknowledges it, so a poller stopped at any point loses nothing and applies
 * nothing twice.
 */
export async function pollMeshOnce(deps: PollerDependencies): Promise<PollReport> {
  const now = deps.now ?? Date.now;
  const report: PollReport = { polled: false, applied: 0, alreadyProcessed: 0, acknowledged: 0, reconciled: 0, failures: 0 };
  if (!(await deps.store.lease(POLLER_LEASE, deps.holder, deps.leaseMilliseconds, now()))) return report;
  report.polled = true;

  for (const record of await deps.store.unsettled(now() - deps.sendingDeadlineMilliseconds)) {
    if (record.state !== "unknown" && record.state !== "sending") continue;
    const settled = await reconcileThroughTracking(deps, record, now());
    if (settled.state !== record.state) report.reconciled += 1;
  }

  const inbox = await deps.mesh.inbox();
  if (inbox.kind === "failed") {
    report.failures += 1;
    return report;
  }
  for (const inboxMessageId of inbox.messageIds) {
    // processed by a poller that stopped before acknowledging it: only the acknowledgement is left to do
    if (await deps.store.wasProcessed(inboxMessageId)) {
      report.alreadyProcessed += 1;
      const acknowledged = await deps.mesh.acknowledge(inboxMessageId);
      if (acknowledged.kind === "ok") report.acknowledged += 1;
      else report.failures += 1;
      continue;
    }
    const downloaded = await deps.mesh.download(inboxMessageId);
    if (downloaded.kind === "gone") continue;
    if (downloaded.kind === "failed") {
      report.failures += 1;
      continue;
    }
    const apply = await whatItSays(deps.store, downloaded.message);
    const at = now();
    // the audit row goes first: a crash before the change is applied leaves a row for the change the next poll makes
    if (apply)
      await deps.audit(
        systemAudit(
          apply.record,
          `${downloaded.message.messageType === "REPORT" ? "MESH report" : "ITK3 acknowledgement"}: ${apply.change.state}`,
          inboxMessageId,
          at,
        ),
      );
    const outcome = await deps.store.processInbound(inboxMessageId, apply && { id: apply.id, from: apply.from, change: apply.change }, at);
    if (outcome === "applied") report.applied += 1;
    else report.alreadyProcessed += 1;
    const acknowledged = await deps.mesh.acknowledge(inboxMessageId);
    if (acknowledged.kind === "ok") report.acknowledged += 1;
    else report.failures += 1;
  }
  return report;
}
