/** CPU time of processes for the benchmarks: this one from `process.cpuUsage`, others from /proc. */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** CPU milliseconds a process has used (user + system); NaN where /proc is missing. */
export function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  if (pid === process.pid) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return NaN;
  }
}

export function cpuMsOfAll(pids: readonly (number | undefined)[]): number {
  let total = 0;
  for (const pid of pids) total += cpuMsOf(pid);
  return total;
}
