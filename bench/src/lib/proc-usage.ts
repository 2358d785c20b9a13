import { readFileSync } from 'node:fs';

const clockTicksPerSecond = 100;

/** CPU time (user + system, ms) and resident memory (bytes) of a Linux process, from /proc. */
export function readProcUsage(pid: number): { cpuMs: number; rssBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
  return { cpuMs: ((utime + stime) * 1000) / clockTicksPerSecond, rssBytes: rssKiB * 1024 };
}
