/**
 * Waiting for an eventual state in tests: `check` is polled until it holds, and after `ms` the wait
 * fails naming `what`. A bounded wait, never an assertion about timing.
 */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
