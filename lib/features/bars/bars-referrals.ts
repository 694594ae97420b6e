import "server-only";
import { randomUUID } from "node:crypto";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { auditedRead } from "@/lib/audit/audited-read";
import { getConfig } from "@/lib/config";
import * as content from "@/lib/content";
import type { AppointmentsLookup, BarsSender, BarsSendOutcome, BarsTarget, ServiceRequestLookup } from "@/lib/nhs/bars/client";
import { dosTarget } from "@/lib/nhs/bars/client";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import type { BarsReferralAction, ReferralReceiver } from "./session-slice";
import type { ServiceSearchQuery } from "./refer-forms";
import { type ClaimedSendResult, heldSends, sendClaimed, withStaleSendSettled as settleStaleSend } from "../claimed-send";

/** States from which the person may (re)send: the same message each time. */
const SENDABLE = new Set<BarsReferralAction["state"]>(["draft", "not-received"]);

export function targetFor(receiver: ReferralReceiver): BarsTarget {
  if (receiver.testTarget) return { system: "tests", value: receiver.testTarget };
  return dosTarget(receiver.dosServiceId ?? "");
}

export function senderFor(session: ServerSession, role: Cis2Role): BarsSender {
  return { odsCode: role.orgCode, organisationName: role.orgName ?? role.orgCode, practitionerName: session.user.name, sdsRoleProfileId: role.personRoleId };
}

/** The NHS sandbox's error targets, offered as receivers only where settings say this is a test environment. */
export function testReceivers(): ReferralReceiver[] {
  return getConfig().BARS_TEST_TARGETS.map((target) => ({
    name: content.refer.testTargetName(target),
    odsCode: null,
    address: null,
    phone: null,
    dosServiceId: null,
    testTarget: target,
  }));
}

/** Runs a Service Search and keeps what was shown in the session, so a choice refers to a shown result by token. */
export async function searchReferralServices(
  session: ServerSession,
  role: Cis2Role,
  patientRef: string,
  form: Record<string, string>,
  query: ServiceSearchQuery,
) {
  const result = await services().serviceSearch.search(query, callContextFor(role, session));
  const outcome =
    result.kind === "found"
      ? {
          kind: "found" as const,
          total: result.total,
          requestId: result.requestId,
          choices: result.services.map((service) => ({
            token: randomUUID(),
            name: service.name,
            typeName: service.typeName,
            odsCode: service.odsCode,
            address: service.address,
            phone: service.phone,
            dosServiceId: service.dosServiceId,
            testTarget: null,
          })),
        }
      : { kind: "failed" as const, failure: result.failure };
  await services().sessions.update(session.id, (current) => ({ ...current, referralServiceSearch: { patientRef, form, at: Date.now(), outcome } }));
}

/** A new referral to a receiver, not yet sent: its message ids fixed here, once, so every send of it is the same message. */
export function draftReferral(patientRef: string, receiver: ReferralReceiver): BarsReferralAction {
  return {
    patientRef,
    receiver,
    bundleId: randomUUID(),
    requestId: randomUUID(),
    serviceRequestId: randomUUID(),
    reason: null,
    state: "draft",
    attempts: 0,
    createdAt: Date.now(),
    sentAt: null,
    settledAt: null,
    alreadyReceived: false,
    conflict: false,
    failure: null,
    retryable: false,
  };
}

/** Starts a referral to a receiver the person chose; its message ids are fixed here, once. */
export async function startReferral(session: ServerSession, patientRef: string, choice: string): Promise<string | null> {
  const search = session.referralServiceSearch;
  const shown =
    search?.patientRef === patientRef && search.outcome.kind === "found" ? search.outcome.choices.find((candidate) => candidate.token === choice) : undefined;
  const test = testReceivers().find((receiver) => receiver.testTarget === choice);
  const picked: ReferralReceiver | undefined = shown?.dosServiceId
    ? { name: shown.name, odsCode: shown.odsCode, address: shown.address, phone: shown.phone, dosServiceId: shown.dosServiceId, testTarget: null }
    : test;
  if (!picked) return null;
  const actionRef = randomUUID();
  const action = draftReferral(patientRef, picked);
  await services().sessions.update(session.id, (current) => ({ ...current, barsReferrals: { ...(current.barsReferrals ?? {}), [actionRef]: action } }));
  return actionRef;
}

/**
 * A send still "sending" after its deadline was cut short (the server stopped, or the request failed before
 * recording an outcome): whether it went out is unknown, so it is shown as such, with Check status, and never
 * resent by itself.
 */
export function withStaleSendSettled(action: BarsReferralAction, now = Date.now()): BarsReferralAction {
  const settled = settleStaleSend(action, now);
  return settled === action ? action : { ...settled, conflict: false };
}

const REFERRALS = heldSends("barsReferrals", withStaleSendSettled);

export function referralAction(session: ServerSession, patientRef: string, actionRef: string): BarsReferralAction | null {
  return REFERRALS.find(session, patientRef, actionRef);
}

export type SendResult = ClaimedSendResult<BarsReferralAction>;

/**
 * Sends the referral once. The session records "sending" before anything goes out, in one
 * transaction, so a second click or a second tab waits for this send's outcome instead of sending
 * again. A repeat after "not received" is the same message with the same ids.
 */
export async function sendReferral(session: ServerSession, role: Cis2Role, patientRef: string, actionRef: string, reason: string | null): Promise<SendResult> {
  const sent = await sendClaimed<BarsReferralAction, BarsSendOutcome>(REFERRALS, { session, role }, patientRef, actionRef, {
    claim: (action) => {
      const sendable = SENDABLE.has(action.state) || (action.state === "rejected" && action.retryable);
      if (!sendable || (action.state === "draft" && !reason)) return null;
      return {
        ...action,
        // the reason is part of the message: after the first send it stays as sent
        reason: action.state === "draft" ? reason : action.reason,
        state: "sending",
        sendingSince: Date.now(),
        attempts: action.attempts + 1,
        sentAt: action.sentAt ?? new Date().toISOString(),
      };
    },
    release: (action, beforeClaim) => ({ ...action, state: beforeClaim.state, attempts: action.attempts - 1 }),
    write: (claimed, record) => {
      const target = targetFor(claimed.receiver);
      return {
        access: {
          action: "bars-referral-send",
          patientNhsNumber: record.nhsNumber,
          upstreamRequestId: claimed.requestId,
          reason: `${claimed.receiver.name} (${target.system === "tests" ? "test target" : "DoS"} ${target.value}), attempt ${claimed.attempts}`,
        },
        send: () =>
          services().bars.sendReferral(
            {
              bundleId: claimed.bundleId,
              requestId: claimed.requestId,
              serviceRequestId: claimed.serviceRequestId,
              target,
              patient: {
                nhsNumber: record.nhsNumber,
                family: record.name?.family ?? null,
                given: record.name?.given?.[0] ?? null,
                birthDate: record.birthDate,
              },
              reason: claimed.reason ?? "",
              sender: senderFor(session, role),
              sentAt: claimed.sentAt!,
            },
            callContextFor(role, session),
          ),
        factsOf: (answer) => ({
          upstreamRequestId: claimed.requestId,
          // a 409 to a first attempt is a clash of ids, not proof that this referral arrived
          outcome:
            answer.kind === "sent" || (answer.kind === "already-received" && claimed.attempts > 1)
              ? "sent"
              : answer.kind === "rejected"
                ? "upstream-failure"
                : "outcome-unknown",
        }),
        threw: { event: "bars-send-threw", message: "a BaRS send threw", ids: { requestId: claimed.requestId } },
      };
    },
    unknown: (action) => ({ ...action, state: "unknown", settledAt: Date.now(), conflict: false, failure: null }),
  });
  if (sent.kind !== "answered") return sent;
  const outcome = sent.answer;
  const firstAttempt = sent.claimed.attempts === 1;
  return REFERRALS.settle(session.id, actionRef, (action) => {
    const settledAt = Date.now();
    switch (outcome.kind) {
      case "sent":
        return { ...action, state: "sent", settledAt, failure: null, alreadyReceived: false, conflict: false };
      case "already-received":
        // a 409 to a first attempt is a clash of ids, not proof that this referral arrived
        return firstAttempt
          ? { ...action, state: "unknown", settledAt, conflict: true, failure: outcome.failure }
          : { ...action, state: "sent", settledAt, failure: null, alreadyReceived: true, conflict: false };
      case "unknown":
        return { ...action, state: "unknown", settledAt, failure: outcome.failure, conflict: false };
      case "rejected":
        return { ...action, state: "rejected", settledAt, failure: outcome.failure, retryable: "status" in outcome.failure && outcome.failure.status === 429 };
      default: {
        const unhandled: never = outcome;
        return unhandled;
      }
    }
  });
}

/** After an unknown outcome: asks the receiver whether it holds the ServiceRequest. Never resends. */
export async function checkReferralStatus(session: ServerSession, role: Cis2Role, patientRef: string, actionRef: string): Promise<BarsReferralAction | null> {
  const action = referralAction(session, patientRef, actionRef);
  if (!action || action.state !== "unknown") return action;
  const lookup = await auditedRead(
    { session, role },
    { action: "bars-referral-status", patientNhsNumber: session.patientRefs[patientRef]?.nhsNumber ?? null, reason: action.receiver.name },
    () => services().bars.serviceRequest(action.serviceRequestId, targetFor(action.receiver), senderFor(session, role), callContextFor(role, session)),
    (answer) => ({
      upstreamRequestId: answer.kind === "failed" ? answer.failure.requestId : answer.requestId,
      outcome: answer.kind === "found" ? "data-returned" : answer.kind === "not-found" ? "not-found" : "upstream-failure",
    }),
  );
  return REFERRALS.change(session.id, actionRef, (current) => {
    if (current.state !== "unknown") return current;
    switch (lookup.kind) {
      case "found":
        return { ...current, state: "sent", failure: null, conflict: false, settledAt: Date.now() };
      case "not-found":
        return { ...current, state: "not-received", failure: null, conflict: false, settledAt: Date.now() };
      case "failed":
        return { ...current, failure: lookup.failure };
      default: {
        const unhandled: never = lookup;
        return unhandled;
      }
    }
  });
}

export interface SentReferralView {
  serviceRequest: ServiceRequestLookup;
  appointments: AppointmentsLookup;
}

/** What the receiver holds for a sent referral: the ServiceRequest and any Appointment booked for it, read in parallel and audited. */
export async function readSentReferral(session: ServerSession, role: Cis2Role, patientRef: string, action: BarsReferralAction): Promise<SentReferralView> {
  const nhsNumber = session.patientRefs[patientRef]!.nhsNumber;
  const target = targetFor(action.receiver);
  const sender = senderFor(session, role);
  const [serviceRequest, appointments] = await auditedRead(
    { session, role },
    { action: "bars-referral-view", patientNhsNumber: nhsNumber, reason: action.receiver.name },
    () =>
      Promise.all([
        services().bars.serviceRequest(action.serviceRequestId, target, sender, callContextFor(role, session)),
        services().bars.appointments(nhsNumber, target, sender, callContextFor(role, session)),
      ]),
    ([serviceRequest, appointments]) => ({
      upstreamRequestId: serviceRequest.kind === "failed" ? serviceRequest.failure.requestId : serviceRequest.requestId,
      outcome:
        serviceRequest.kind === "found" || appointments.kind === "found"
          ? "data-returned"
          : serviceRequest.kind === "not-found"
            ? "not-found"
            : "upstream-failure",
    }),
  );
  return {
    serviceRequest,
    appointments:
      appointments.kind === "found"
        ? { ...appointments, appointments: appointments.appointments.filter((appointment) => appointment.basedOn.includes(action.serviceRequestId)) }
        : appointments,
  };
}
