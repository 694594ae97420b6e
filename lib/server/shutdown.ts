/**
 * Next's own SIGTERM and SIGINT handling (next start) stops taking connections, waits for the requests in flight,
 * then calls process.exit. Closing a PostgreSQL pool is asynchronous, and an 'exit' listener cannot wait for it, so
 * once such a signal has come, the exit Next then asks for is held until `close` has run: after the last request,
 * before the process goes. `limitMs` bounds the wait, so a database that does not answer cannot keep the process up.
 */
export function closeBeforeExit(close: () => Promise<void>, limitMs: number) {
  // with NEXT_MANUAL_SIG_HANDLE, Next leaves signals to the app, and a listener here would stop the default exit
  if (process.env.NEXT_MANUAL_SIG_HANDLE) return;
  const hold = () => {
    const exit = process.exit.bind(process);
    let closing: Promise<void> | null = null;
    process.exit = ((code?: number | string | null) => {
      closing ??= Promise.race([close().catch(() => undefined), new Promise<void>((done) => setTimeout(done, limitMs).unref())]).then(() => exit(code));
      return undefined as never;
    }) as typeof process.exit;
  };
  process.once("SIGTERM", hold);
  process.once("SIGINT", hold);
}
