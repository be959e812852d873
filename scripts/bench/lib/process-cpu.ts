/**
 * CPU time of the processes a request crosses, read from /proc (user + system, all threads), so a
 * benchmark can print CPU ms per request for each of them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);

/** CPU milliseconds a process has used so far; NaN when it is gone. */
export function cpuMs(pid: number): number {
  if (pid === process.pid) {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}

/** The oldest process whose command line matches (MariaDB, RabbitMQ's beam, Redis); undefined when none runs here. */
export function findPid(pattern: string): number | undefined {
  try {
    return Number(execFileSync('pgrep', ['-o', '-f', pattern]).toString().trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** Samples a named set of processes around a piece of work. */
export class CpuMeter {
  constructor(private readonly processes: () => Record<string, number | undefined>) {}

  async measure<T>(work: () => Promise<T>): Promise<{ result: T; cpuMs: Record<string, number> }> {
    const pids = Object.entries(this.processes()).filter((entry): entry is [string, number] => entry[1] !== undefined);
    const before = pids.map(([, pid]) => cpuMs(pid));
    const result = await work();
    const cpu = Object.fromEntries(pids.map(([name, pid], i) => [name, cpuMs(pid) - before[i]]));
    return { result, cpuMs: cpu };
  }
}
