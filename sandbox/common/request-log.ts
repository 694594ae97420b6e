/** One request the stand-in answered. Route patterns, not URLs, so that no NHS number is kept. */
export interface LoggedRequest {
  /** When the request reached the stand-in, before any injected latency. */
  arrivedAt: string;
  /** When it was answered. */
  at: string;
  method: string;
  route: string;
  status: number;
  requestId: string | null;
  correlationId: string | null;
  sessionUrid: string | null;
  endUserOrganisationOds: string | null;
  milliseconds: number;
}

const header = (value: string | string[] | undefined) => (typeof value === "string" ? value : null);

/** The most recent requests, for debugging and for tests that check what the app sent. */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  constructor(
    private readonly capacity = 500,
    private readonly print?: (line: string) => void,
  ) {}

  add(method: string, route: string, status: number, headers: Record<string, string | string[] | undefined>, milliseconds: number, arrivedAt?: string) {
    const at = new Date().toISOString();
    const entry: LoggedRequest = {
      arrivedAt: arrivedAt ?? at,
      at,
      method,
      route,
      status,
      requestId: header(headers["x-request-id"]),
      correlationId: header(headers["x-correlation-id"]),
      sessionUrid: header(headers["nhsd-session-urid"]),
      endUserOrganisationOds: header(headers["nhsd-end-user-organisation-ods"]),
      milliseconds: Math.round(milliseconds * 10) / 10,
    };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
    this.print?.(`${method} ${route} ${status} ${entry.requestId ?? "-"} ${entry.milliseconds}ms`);
  }

  recent(): LoggedRequest[] {
    return [...this.entries];
  }

  clear() {
    this.entries.length = 0;
  }
}
