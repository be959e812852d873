/** How every fault script ends: one line per check, then PASS or FAIL, and the exit code to match. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export function check(name: string, ok: boolean, detail: string): Check {
  return { name, ok, detail };
}

/** Prints the context lines and the checks; returns whether all passed and sets the exit code. */
export function report(context: string[], checks: Check[]): boolean {
  console.log('');
  for (const line of context) console.log(line);
  for (const { name, ok, detail } of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
  const passed = checks.every(({ ok }) => ok);
  console.log(passed ? '\nPASS' : '\nFAIL');
  process.exitCode = passed ? 0 : 1;
  return passed;
}

/** Runs a fault script's main and exits with its code (the platform's handles would keep the process alive). */
export function runScript(main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds since `since`, for the timeline lines the scripts print. */
export function at(since: number): string {
  return `t=${((Date.now() - since) / 1000).toFixed(1)} s`;
}
