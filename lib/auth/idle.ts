/** Inactivity: the server ends a session nobody has used for the idle timeout, whatever the browser does. */
export function idleSecondsRemaining(lastSeenAt: number, idleMinutes: number, now = Date.now()): number {
  return Math.max(0, Math.ceil((lastSeenAt + idleMinutes * 60_000 - now) / 1000));
}

export function isIdleExpired(lastSeenAt: number, idleMinutes: number, now = Date.now()): boolean {
  return idleSecondsRemaining(lastSeenAt, idleMinutes, now) === 0;
}

export const WARNING_SECONDS = 120;
