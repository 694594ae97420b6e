import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mutualTlsFetch } from "./mutual-tls";

// a throwaway CA, an SSP-like server that demands a client certificate from it, and two clients: one it issued, one not
const dir = mkdtempSync(join(tmpdir(), "ssp-tls-"));
const file = (name: string) => join(dir, name);
const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function issue(name: string, subject: string, ca: string) {
  openssl("req", ...EC, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject);
  writeFileSync(file(`${name}.ext`), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  openssl(
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    `${ca}.crt`,
    "-CAkey",
    `${ca}.key`,
    "-CAcreateserial",
    "-days",
    "1",
    "-out",
    `${name}.crt`,
    "-extfile",
    `${name}.ext`,
  );
}

let server: Server;
let origin: string;

beforeAll(async () => {
  for (const ca of ["ca", "other-ca"]) openssl("req", "-x509", ...EC, "-keyout", `${ca}.key`, "-out", `${ca}.crt`, "-days", "1", "-subj", `/CN=${ca}`);
  issue("server", "/CN=localhost", "ca");
  issue("client", "/CN=care-record-viewer", "ca");
  issue("stranger", "/CN=stranger", "other-ca");
  server = createServer(
    {
      key: readFileSync(file("server.key")),
      cert: readFileSync(file("server.crt")),
      ca: readFileSync(file("ca.crt")),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (request, response) => {
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ client: peer.subject?.CN }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("mutual TLS to the SSP", () => {
  it("presents the client certificate and is let in", async () => {
    const response = await mutualTlsFetch({ certFile: file("client.crt"), keyFile: file("client.key"), caFile: file("ca.crt") })(`${origin}/`);
    expect(await response.json()).toEqual({ client: "care-record-viewer" });
  });

  it("is refused with a certificate the SSP's CA did not issue", async () => {
    await expect(mutualTlsFetch({ certFile: file("stranger.crt"), keyFile: file("stranger.key"), caFile: file("ca.crt") })(`${origin}/`)).rejects.toThrow();
  });

  it("refuses a server whose certificate is not from the CA bundle given", async () => {
    await expect(mutualTlsFetch({ certFile: file("client.crt"), keyFile: file("client.key"), caFile: file("other-ca.crt") })(`${origin}/`)).rejects.toThrow();
  });
});
