/**
 * Several app instances on one PostgreSQL behind nginx, as a trust runs it, on this machine: a throwaway
 * PostgreSQL (tests/throwaway-postgres.ts), one stand-in, N `next start` instances of the same build with the same
 * secrets and DATABASE_URL, and nginx with the repository's own configuration (deploy/nginx/) in front, over TLS
 * with a certificate made for the run. Used by the cluster journeys (Playwright's globalSetup) and the bench.
 *
 * Every process runs under a small shell that ends it when the shell's standard input closes: on stop(), and
 * equally when whatever started the cluster dies (a killed test run), so nothing is left behind.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./throwaway-postgres";

export const NGINX_TEMPLATE = resolve("deploy/nginx/care-record-viewer.conf.template");

export interface ClusterOptions {
  /** nginx: the app's origin is https://localhost:httpsPort; httpPort only redirects to it. */
  httpsPort: number;
  httpPort: number;
  instancePorts: number[];
  sandboxPort: number;
  /** Each instance's log goes to dataDir/app-<n>.log. */
  dataDir: string;
  /** The settings the apps and the stand-in start with, given the app's origin (nginx's) and the stand-in's. */
  environment: (appOrigin: string, sandboxOrigin: string) => Record<string, string>;
  /** Node options for the instances, e.g. the bench's memory probe. */
  instanceArgs?: string[];
}

export interface ClusterInstance {
  /** The instance's own origin, bypassing nginx. */
  origin: string;
  port: number;
  /** The next-server process itself (not its shell), for kill -9. */
  pid: number;
  log: string;
}

export interface Cluster {
  origin: string;
  sandboxOrigin: string;
  databaseUrl: string;
  instances: ClusterInstance[];
  /** nginx's access log (in dataDir, beside nginx-error.log): one line per request, with the instance that answered it. */
  accessLog: string;
  /** The run's TLS certificate (PEM), for clients that check it. */
  certificate: string;
  stop(): Promise<void>;
}

/** nginx's log line: enough to tell which instance answered which request, nothing of the patient. */
const ACCESS_LOG_FORMAT = `'$request_method $uri $status upstream_status=$upstream_status upstream=$upstream_addr'`;

/** `${NAME}` replaced from values, as `envsubst '${NAME}…'` does; nginx's own $variables are left as they are. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${NGINX_TEMPLATE} needs ${name}`);
    return value;
  });
}

interface Tethered {
  child: ChildProcess;
  /** The command's own pid, under the shell. */
  pid: Promise<number>;
  exited: Promise<void>;
}

/**
 * Runs a command with its output to a log file, under a shell that prints the command's pid and ends the command
 * (TERM, then KILL after 10 s) once the shell's standard input closes. The shell ends when the command does,
 * removing `folder` (if given) after it.
 */
function tethered(command: string, args: string[], env: NodeJS.ProcessEnv, log: string, folder?: string): Tethered {
  // the pid goes out, then the shell lets go of the pipe, so that nothing here keeps its starter waiting
  const script = `exec 3<&0; "$0" "$@" >>'${log}' 2>&1 & child=$!; echo $child; exec >/dev/null; (read ignored <&3; kill -TERM $child 2>/dev/null; sleep 10; kill -KILL $child 2>/dev/null) & watcher=$!; wait $child 2>/dev/null; status=$?; kill $watcher 2>/dev/null;${folder ? ` rm -rf '${folder}';` : ""} exit $status`;
  const child = spawn("sh", ["-c", script, command, ...args], { env, stdio: ["pipe", "pipe", "inherit"] });
  const pid = new Promise<number>((resolvePid, reject) => {
    child.stdout!.once("data", (chunk: Buffer) => resolvePid(Number(chunk.toString().trim())));
    child.once("exit", () => reject(new Error(`${command} ended before it started: see ${log}`)));
  });
  pid.catch(() => undefined);
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  return { child, pid, exited };
}

async function end(process: Tethered) {
  if (process.child.exitCode === null && process.child.signalCode === null) {
    process.child.stdin!.end();
    await process.exited;
  }
}

/** Resolves once url answers with a status below 500; TLS is checked against the run's own certificate. */
async function waitFor(url: string, what: string, log: string, processes: Tethered[], ca?: string, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    for (const process of processes)
      if (process.child.exitCode !== null) throw new Error(`${what} stopped while starting: ${readFileSync(log, "utf8").slice(-2000)}`);
    const status = await statusOf(url, ca).catch(() => 0);
    if (status > 0 && status < 500) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer at ${url} within ${seconds} s: ${readFileSync(log, "utf8").slice(-2000)}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

function statusOf(url: string, ca?: string): Promise<number> {
  if (!url.startsWith("https:")) return fetch(url, { redirect: "manual" }).then((response) => response.status);
  return new Promise((resolveStatus, reject) => {
    const request = httpsRequest(url, { ca }, (response) => {
      response.resume();
      resolveStatus(response.statusCode ?? 0);
    });
    request.once("error", reject);
    request.end();
  });
}

function onPath(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A key and self-signed certificate for localhost, for this run only. */
function makeCertificate(folder: string) {
  if (!onPath("openssl")) throw new Error("openssl is needed for the cluster's TLS certificate. Install it with: sudo apt-get install -y openssl");
  const certificate = join(folder, "localhost.crt");
  const key = join(folder, "localhost.key");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout",
      key,
      "-out",
      certificate,
    ],
    { stdio: "pipe" },
  );
  chmodSync(key, 0o600);
  return { certificate, key };
}

/** The nginx.conf the harness runs: its own prefix, pid, logs and temporary paths, then the repository's site file. */
function nginxConfiguration(folder: string, site: string, logs: string) {
  const asRoot = process.getuid?.() === 0;
  return `# Written by tests/cluster.ts for one run; the site itself is ${NGINX_TEMPLATE}, filled in.
${asRoot ? "# Running as root, the workers take Debian's web server account, as Debian's own nginx.conf does.\nuser www-data;\n" : ""}worker_processes 1;
pid ${folder}/nginx.pid;
error_log ${logs}/nginx-error.log warn;
events { worker_connections 512; }
http {
    client_body_temp_path ${folder}/client-body;
    proxy_temp_path ${folder}/proxy;
    fastcgi_temp_path ${folder}/fastcgi;
    uwsgi_temp_path ${folder}/uwsgi;
    scgi_temp_path ${folder}/scgi;
    log_format cluster ${ACCESS_LOG_FORMAT};
    access_log ${logs}/nginx-access.log cluster;
    # Test only: which instance answered. Not in the site file: it would tell anyone the instances' internal
    # addresses, and the app never needs it. The template's server sets no headers of its own, so this reaches it.
    add_header X-Upstream $upstream_addr always;
    include ${site};
}
`;
}

/**
 * Starts one instance of the build on `port` with the cluster's settings (`env`, with its DATABASE_URL), its output
 * appended to `log`: for a journey that killed one and starts it again. It ends on stop(), or when whatever started
 * it dies. Resolves once it is ready.
 */
export async function startInstance(port: number, log: string, env: NodeJS.ProcessEnv): Promise<ClusterInstance & { stop(): Promise<void> }> {
  const instance = tethered(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port)], env, log);
  const origin = `http://localhost:${port}`;
  try {
    await waitFor(`${origin}/api/health/ready`, `the app at ${origin}`, log, [instance]);
  } catch (error) {
    await end(instance);
    throw error;
  }
  return { origin, port, log, pid: await instance.pid, stop: () => end(instance) };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const nginx = execFileSync(process.execPath, ["scripts/ensure-nginx.mjs", "--path"], { encoding: "utf8" }).trim().split("\n").at(-1)!;
  const folder = mkdtempSync(join(tmpdir(), "cluster-nginx-"));
  // nginx's workers (www-data when root) reach their temporary paths inside; nothing here is secret but the key
  chmodSync(folder, 0o711);
  mkdirSync(options.dataDir, { recursive: true });
  const origin = `https://localhost:${options.httpsPort}`;
  const sandboxOrigin = `http://localhost:${options.sandboxPort}`;
  const processes: Tethered[] = [];
  let postgres: ThrowawayPostgres | undefined;
  const stop = async () => {
    // nginx first, so nothing reaches an instance that is going; the database last
    for (const process of [...processes].reverse()) await end(process);
    await postgres?.stop();
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const { certificate, key } = makeCertificate(folder);
    postgres = await startThrowawayPostgres();
    const databaseUrl = postgres.url;
    const env = { ...process.env, ...options.environment(origin, sandboxOrigin), DATABASE_URL: databaseUrl };

    const standInLog = join(options.dataDir, "stand-in.log");
    const standIn = tethered(process.execPath, [".local/sandbox/main.mjs"], { ...env, SANDBOX_PORT: String(options.sandboxPort) }, standInLog);
    processes.push(standIn);

    // every instance at once: they migrate the database together at start-up, and one waits for the other
    const instances = options.instancePorts.map((port, index) => {
      const log = join(options.dataDir, `app-${index + 1}.log`);
      const instance = tethered(
        process.execPath,
        [...(options.instanceArgs ?? []), "node_modules/next/dist/bin/next", "start", "--port", String(port)],
        env,
        log,
      );
      processes.push(instance);
      return { instance, port, log, origin: `http://localhost:${port}` };
    });
    await waitFor(`${sandboxOrigin}/_stand-in/health`, "the stand-in", standInLog, [standIn]);
    for (const { instance, origin: own, log } of instances) await waitFor(`${own}/api/health/ready`, `the app at ${own}`, log, [instance]);

    const site = join(folder, "care-record-viewer.conf");
    writeFileSync(
      site,
      fillTemplate(readFileSync(NGINX_TEMPLATE, "utf8"), {
        CRV_SERVER_NAME: "localhost",
        CRV_HTTPS_PORT: String(options.httpsPort),
        CRV_HTTP_PORT: String(options.httpPort),
        CRV_TLS_CERTIFICATE: certificate,
        CRV_TLS_KEY: key,
        ...Object.fromEntries(options.instancePorts.map((port, index) => [`CRV_INSTANCE_${index + 1}`, `127.0.0.1:${port}`])),
      }),
    );
    const configuration = join(folder, "nginx.conf");
    writeFileSync(configuration, nginxConfiguration(folder, site, options.dataDir));
    const nginxLog = join(options.dataDir, "nginx-error.log");
    // its folder (configuration, certificate and key) goes with it, however the run ends
    const balancer = tethered(nginx, ["-p", folder, "-e", nginxLog, "-c", configuration, "-g", "daemon off;"], env, join(options.dataDir, "nginx.out"), folder);
    processes.push(balancer);
    const ca = readFileSync(certificate, "utf8");
    await waitFor(`${origin}/api/health/ready`, "nginx", nginxLog, [balancer], ca, 30);

    return {
      origin,
      sandboxOrigin,
      databaseUrl,
      accessLog: join(options.dataDir, "nginx-access.log"),
      certificate: ca,
      instances: await Promise.all(instances.map(async ({ instance, port, log, origin: own }) => ({ origin: own, port, log, pid: await instance.pid }))),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
