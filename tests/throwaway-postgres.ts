/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, the server on a free port (and a unix
 * socket in that folder), gone again afterwards. Uses Debian's `postgresql` package (initdb, postgres), installed
 * with apt-get when it is missing and this runs as root.
 *
 * The server runs under a small shell that stops it and removes the folder as soon as its standard input closes:
 * when `stop()` is called, and equally when the test run that started it is killed, so no server is left behind.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface ThrowawayPostgres {
  /** A superuser URL for the cluster's `postgres` database. */
  url: string;
  /** The URL of another database on the same cluster. */
  urlFor(database: string): string;
  /** Stops every process of the cluster (SIGSTOP): a database that hangs rather than refuses. */
  pause(): void;
  /** Lets them run again (SIGCONT). */
  resume(): void;
  stop(): Promise<void>;
}

/** The server process and its children (the backends, the checkpointer...), found through /proc. */
function clusterProcesses(data: string): number[] {
  const postmaster = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  const children = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // the parent pid is the second field after the command, which is in parentheses and may hold spaces
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

const INSTALL_COMMAND = "apt-get install -y postgresql";

function onPath(command: string): string | null {
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

/** The folder holding initdb and postgres: on PATH, else Debian's /usr/lib/postgresql/<newest>/bin. */
function findBinaries(): string | null {
  const initdb = onPath("initdb");
  if (initdb) {
    const folder = initdb.replace(/\/initdb$/, "");
    // Debian's PATH entries are links into the versioned folder, where postgres itself lives
    if (existsSync(join(folder, "postgres"))) return folder;
  }
  const debian = "/usr/lib/postgresql";
  if (!existsSync(debian)) return null;
  const versions = readdirSync(debian)
    .filter((version) => existsSync(join(debian, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(debian, versions[0]!, "bin") : null;
}

function ensureBinaries(): string {
  const found = findBinaries();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(`PostgreSQL's initdb was not found: the tests need Debian's postgresql package. Install it with: sudo ${INSTALL_COMMAND}`);
  }
  console.warn(`[throwaway-postgres] installing PostgreSQL: ${INSTALL_COMMAND}`);
  execFileSync("sh", ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${INSTALL_COMMAND}`], { stdio: "inherit" });
  const installed = findBinaries();
  if (!installed) throw new Error(`PostgreSQL's initdb is still missing after ${INSTALL_COMMAND}`);
  return installed;
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to the package's `postgres` account. */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .map((line) => line.split(":"))
    .find((fields) => fields[0] === "postgres");
  if (!entry) throw new Error(`Running as root, PostgreSQL needs the postgres account, which ${INSTALL_COMMAND} creates`);
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilAccepting(url: string, server: ChildProcess, log: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The throwaway PostgreSQL stopped at start:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`The throwaway PostgreSQL did not accept connections within 30 s: ${String(error)}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const binaries = ensureBinaries();
  const account = serverAccount();
  const folder = mkdtempSync(join(tmpdir(), "throwaway-postgres-"));
  if (account) chownSync(folder, account.uid, account.gid);
  const data = join(folder, "data");
  const asServer = { ...(account ?? {}), env: { ...process.env, LC_ALL: "C" } };
  try {
    // no fsync, no locale: a cluster that lives for one test run only needs to be quick to make
    execFileSync(join(binaries, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], {
      ...asServer,
      stdio: "pipe",
    });
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`initdb failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
  const port = await freePort();
  const settings = [
    ["port", String(port)],
    ["listen_addresses", "127.0.0.1"],
    ["unix_socket_directories", folder],
    ["fsync", "off"],
    ["synchronous_commit", "off"],
    ["full_page_writes", "off"],
    ["max_connections", "200"],
  ].flatMap(([name, value]) => ["-c", `${name}=${value}`]);
  // The shell stops the server (immediate shutdown: nothing here needs keeping) and removes the folder once its
  // standard input closes, which also happens when whatever started it dies.
  // It ignores INT and TERM (a Ctrl-C or a kill sent to the whole process group) so that it always gets to remove
  // the folder; the server sets its own handlers, so Ctrl-C still stops it at once.
  const watchdog = `trap '' INT TERM; "$0" "$@" & server=$!; read ignored; kill -QUIT "$server" 2>/dev/null; wait "$server"; rm -rf '${folder}'`;
  let output = "";
  const server = spawn("sh", ["-c", watchdog, join(binaries, "postgres"), "-D", data, ...settings], {
    ...asServer,
    stdio: ["pipe", "ignore", "pipe"],
  });
  server.stderr?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  let paused = false;
  const signal = (name: "SIGSTOP" | "SIGCONT") => {
    for (const pid of clusterProcesses(data)) process.kill(pid, name);
    paused = name === "SIGSTOP";
  };
  const stop = async () => {
    // a stopped server would never act on the shutdown signal
    if (paused) signal("SIGCONT");
    if (server.exitCode === null) {
      server.stdin?.end();
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  };
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  try {
    await waitUntilAccepting(urlFor("postgres"), server, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: urlFor("postgres"), urlFor, pause: () => signal("SIGSTOP"), resume: () => signal("SIGCONT"), stop };
}
