import { AsyncLocalStorage } from "node:async_hooks";
import Module from "node:module";

/**
 * The request Next would give `cookies()` and `headers()`, for calling route handlers and server actions
 * in-process. The app's own imports of next/headers are mocked with `nextHeaders` (vi.mock); next-auth
 * requires next/headers from node_modules, outside vitest's mocks, so `installForNodeModules` answers that
 * require too, and next-auth decrypts the same session cookies it would in the server.
 */
interface RequestScope {
  cookies: Map<string, string>;
  headers: Headers;
}

const scope = new AsyncLocalStorage<RequestScope>();

function current(): RequestScope {
  const active = scope.getStore();
  if (!active) throw new Error("cookies() or headers() called outside a test request");
  return active;
}

class TestCookieStore {
  constructor(private readonly jar: Map<string, string>) {}
  get(name: string) {
    const value = this.jar.get(name);
    return value === undefined ? undefined : { name, value };
  }
  getAll() {
    return [...this.jar].map(([name, value]) => ({ name, value }));
  }
  has(name: string) {
    return this.jar.has(name);
  }
  /** As a browser takes it: a cookie set to expire at once is gone. */
  set(name: string, value: string, options?: { maxAge?: number }) {
    if (options?.maxAge === 0) this.jar.delete(name);
    else this.jar.set(name, value);
    return this;
  }
  delete(name: string) {
    this.jar.delete(name);
    return this;
  }
}

export const nextHeaders = {
  cookies: async () => new TestCookieStore(current().cookies),
  headers: async () => current().headers,
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
};

let installed = false;

export function installForNodeModules() {
  if (installed) return;
  installed = true;
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    if (request === "next/headers") return nextHeaders;
    return load.call(this, request, parent, isMain);
  };
}

/** Runs `work` as if in one request carrying these cookies and headers; returns the cookies as the request left them. */
export async function inRequest<T>(request: { cookies?: Record<string, string>; headers?: HeadersInit }, work: () => Promise<T>) {
  const requestScope: RequestScope = { cookies: new Map(Object.entries(request.cookies ?? {})), headers: new Headers(request.headers) };
  const result = await scope.run(requestScope, work);
  return { result, cookies: requestScope.cookies };
}
