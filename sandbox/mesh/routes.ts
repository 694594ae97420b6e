import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createHash } from "node:crypto";
import { LOCAL_MESH } from "../../lib/nhs/mesh/local";
import { type MeshService, type StoredMessage } from "./mailboxes";

/** The SHA-256 of the first attachment in an ITK3 message (the PDF), or null. */
function attachmentHash(body: Buffer): string | null {
  const match = /"valueAttachment":\{[^}]*?"data":"([A-Za-z0-9+/=]+)"/.exec(body.toString("utf8"));
  return match?.[1] ? createHash("sha256").update(Buffer.from(match[1], "base64")).digest("hex") : null;
}

const MEX = /^[\x20-\x7e]{1,100}$/;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
}

function meshError(reply: FastifyReply, status: number, errorCode: string, errorDescription: string, messageId?: string) {
  return reply.code(status).type("application/json").send({ message_id: messageId, internal_id: null, errorEvent: "SEND", errorCode, errorDescription });
}

/** A compact MESH timestamp: yyyyMMddHHmmss. */
const meshTime = (at: Date) => at.toISOString().replace(/[-T:]/g, "").slice(0, 14);

function trackingView(message: StoredMessage) {
  return {
    message_id: message.messageId,
    local_id: message.localId,
    workflow_id: message.workflowId,
    filename: message.fileName,
    upload_timestamp: meshTime(message.uploadedAt),
    recipient: message.recipient,
    status_success: message.status !== "undeliverable",
    status: message.status,
    status_event: message.status === "undeliverable" ? "TRANSFER" : message.status === "acknowledged" ? "DOWNLOAD" : "UPLOAD",
    status_timestamp: new Date().toISOString().slice(0, 19),
    status_description: message.statusDescription,
    status_code: message.statusCode,
  };
}

/** MESH on its own paths (mesh-api.yaml), with the NHSMESH check on every request. */
export function registerMesh(app: FastifyInstance, mesh: MeshService) {
  app.register(async (scope) => {
    // message bodies are whatever the sender sends: kept as bytes, in this scope only
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 110 * 1000 * 1000 }, (_request, body, done) => done(null, body));

    scope.addHook("preHandler", async (request, reply) => {
      const mailbox = (request.params as { mailbox?: string }).mailbox ?? "";
      const check = mesh.authorise(header(request, "authorization"), mailbox);
      if (!check.ok) return reply.code(403).send();
    });

    scope.post<{ Params: { mailbox: string } }>("/messageexchange/:mailbox", async (_request, reply) => reply.code(200).send());

    scope.post<{ Params: { mailbox: string } }>("/messageexchange/:mailbox/outbox", async (request, reply) => {
      const to = header(request, "mex-to");
      const workflowId = header(request, "mex-workflowid");
      if (!to) return meshError(reply, 417, "08", "Missing Mex-To header");
      if (!workflowId) return meshError(reply, 417, "06", "Missing Mex-WorkflowID header");
      if (!MEX.test(to) || !MEX.test(workflowId) || /:\/\//.test(to)) return meshError(reply, 400, "06", "MalformedControlFile");
      const range = /^1:(\d{1,4})$/.exec(header(request, "mex-chunk-range") ?? "1:1");
      if (!range || Number(range[1]) < 1) return meshError(reply, 400, "06", "Invalid Mex-Chunk-Range");
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const message = mesh.upload(
        request.params.mailbox,
        {
          to,
          workflowId,
          subject: header(request, "mex-subject"),
          localId: header(request, "mex-localid"),
          fileName: header(request, "mex-filename"),
          contentType: header(request, "content-type"),
          totalChunks: Number(range[1]),
        },
        body,
      );
      if (mesh.loseNextSendAnswer) {
        // the message is taken, then the connection drops before the answer: the sender cannot know
        mesh.loseNextSendAnswer = false;
        request.raw.socket.destroy();
        return reply.hijack();
      }
      return reply.code(202).send({ message_id: message.messageId });
    });

    scope.post<{ Params: { mailbox: string; messageId: string; chunk: string } }>(
      "/messageexchange/:mailbox/outbox/:messageId/:chunk",
      async (request, reply) => {
        const chunk = Number(request.params.chunk);
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const result = Number.isInteger(chunk) && chunk >= 2 ? mesh.uploadChunk(request.params.mailbox, request.params.messageId, chunk, body) : "out-of-order";
        if (result === "not-found") return reply.code(404).send();
        if (result === "out-of-order") return meshError(reply, 400, "06", "Chunk out of order", request.params.messageId);
        return reply.code(202).send({ message_id: request.params.messageId });
      },
    );

    scope.get<{ Params: { mailbox: string } }>("/messageexchange/:mailbox/inbox", async (request) => ({
      messages: mesh.inbox(request.params.mailbox).slice(0, 500),
      links: { self: `/messageexchange/${request.params.mailbox}/inbox` },
      approx_inbox_count: mesh.inbox(request.params.mailbox).length,
    }));

    scope.get<{ Params: { mailbox: string } }>("/messageexchange/:mailbox/count", async (request) => ({ count: mesh.inbox(request.params.mailbox).length }));

    const download = (request: FastifyRequest<{ Params: { mailbox: string; messageId: string; chunk?: string } }>, reply: FastifyReply) => {
      const message = mesh.message(request.params.mailbox, request.params.messageId);
      if (!message) return reply.code(404).send();
      const chunk = request.params.chunk ? Number(request.params.chunk) : 1;
      const bytes = message.chunks[chunk - 1];
      if (!bytes) return reply.code(404).send();
      const headers: Record<string, string> = {
        "mex-messageid": message.messageId,
        "mex-messagetype": message.messageType,
        "mex-workflowid": message.workflowId,
        "mex-from": message.from,
        "mex-to": message.to,
        "mex-chunk-range": `${chunk}:${message.totalChunks}`,
        ...(message.localId ? { "mex-localid": message.localId } : {}),
        ...(message.fileName ? { "mex-filename": message.fileName } : {}),
      };
      if (message.messageType === "REPORT") {
        Object.assign(headers, {
          "mex-linkedmsgid": message.linkedMessageId ?? "",
          "mex-statuscode": message.statusCode ?? "",
          "mex-statusdescription": message.statusDescription ?? "",
          "mex-statusevent": "TRANSFER",
          "mex-statussuccess": "ERROR",
        });
      }
      return reply
        .code(message.totalChunks > 1 && chunk < message.totalChunks ? 206 : 200)
        .headers(headers)
        .type(message.messageType === "REPORT" ? "application/octet-stream" : message.contentType)
        .send(bytes);
    };
    scope.get("/messageexchange/:mailbox/inbox/:messageId", download);
    scope.get("/messageexchange/:mailbox/inbox/:messageId/:chunk", download);

    scope.put<{ Params: { mailbox: string; messageId: string } }>("/messageexchange/:mailbox/inbox/:messageId/status/acknowledged", async (request, reply) => {
      const { mailbox, messageId } = request.params;
      const socket = request.raw.socket;
      let gone = false;
      const closed = () => (gone = true);
      socket.once("close", closed);
      try {
        if ((await mesh.whenAcknowledgementsReleased()) === "was-held") {
          // a sender that died while held has closed its connection: let that reach us before deciding
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        socket.off("close", closed);
      }
      if (gone || socket.destroyed || socket.readableEnded) {
        mesh.droppedAcknowledgements += 1;
        return reply.hijack();
      }
      mesh.acknowledgementsAnswered.set(messageId, (mesh.acknowledgementsAnswered.get(messageId) ?? 0) + 1);
      if (!mesh.acknowledge(mailbox, messageId)) return reply.code(404).send();
      return { message_id: messageId };
    });

    scope.get<{ Params: { mailbox: string }; Querystring: { messageID?: string } }>("/messageexchange/:mailbox/outbox/tracking", async (request, reply) => {
      const message = request.query.messageID ? mesh.tracking(request.params.mailbox, { messageId: request.query.messageID }) : undefined;
      return message ? trackingView(message) : reply.code(404).send();
    });
    scope.get<{ Params: { mailbox: string; localId: string } }>("/messageexchange/:mailbox/outbox/tracking/:localId", async (request, reply) => {
      const message = mesh.tracking(request.params.mailbox, { localId: request.params.localId });
      return message ? trackingView(message) : reply.code(404).send();
    });
  });

  // for the journeys: how many messages went out under each local id (no patient data: ids and workflow only)
  app.get("/_stand-in/mesh/sent", async () => ({
    messages: [...mesh.messages.values()]
      .filter((message) => message.messageType === "DATA")
      .map((message) => ({
        messageId: message.messageId,
        localId: message.localId,
        from: message.from,
        workflowId: message.workflowId,
        status: message.status,
        statusCode: message.statusCode,
        attachmentSha256: attachmentHash(Buffer.concat(message.chunks)),
      })),
  }));
  // a practice's mailboxes for the workflow, for the journeys' routing failures and rejections: [] is no mailbox
  app.put<{ Params: { odsCode: string }; Body: { mailboxes?: Array<{ mailboxId: string; practice: "accepts" | "rejects" }> } }>(
    "/_stand-in/mesh/practices/:odsCode",
    async (request, reply) => {
      const boxes = (request.body?.mailboxes ?? []).filter(
        (box) => /^[A-Z0-9]{4,20}$/.test(box.mailboxId) && (box.practice === "accepts" || box.practice === "rejects"),
      );
      mesh.setPractice(request.params.odsCode, boxes);
      return reply.code(204).send();
    },
  );
  app.delete("/_stand-in/mesh/practices", async (_request, reply) => {
    mesh.resetPractices();
    return reply.code(204).send();
  });
  // the poller journey's counts: what a MESH integrator would see of the app's mailbox (ids and counts only)
  app.get<{ Querystring: { replyTo?: string } }>("/_stand-in/mesh/acknowledgements", async (request) => {
    const replies = [...mesh.messages.values()].filter((message) => message.replyTo !== undefined && message.replyTo === request.query.replyTo);
    return {
      held: mesh.heldAcknowledgementCount,
      dropped: mesh.droppedAcknowledgements,
      inbox: mesh.inbox(LOCAL_MESH.mailboxId).length,
      replies: replies.map((message) => ({ messageId: message.messageId, acknowledged: mesh.acknowledgementsAnswered.get(message.messageId) ?? 0 })),
    };
  });
  app.post<{ Body: { practiceDelayMs?: number; loseNextSendAnswer?: boolean; nextRoutingFailure?: string; holdAcknowledgements?: boolean } }>(
    "/_stand-in/mesh/settings",
    async (request) => {
      if (typeof request.body?.holdAcknowledgements === "boolean") mesh.holdAcknowledgements(request.body.holdAcknowledgements);
      if (typeof request.body?.loseNextSendAnswer === "boolean") mesh.loseNextSendAnswer = request.body.loseNextSendAnswer;
      const failure = request.body?.nextRoutingFailure;
      if (typeof failure === "string" && /^EPL-15[0-4]$/.test(failure)) mesh.nextRoutingFailure = failure;
      if (typeof request.body?.practiceDelayMs === "number") mesh.practiceDelayMs = Math.max(0, Math.min(60_000, request.body.practiceDelayMs));
      return { practiceDelayMs: mesh.practiceDelayMs };
    },
  );
}
