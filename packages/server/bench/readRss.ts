import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resident memory of process `pid` in kB (VmRSS of `/proc/<pid>/status`, else `ps`); `NaN` when it is gone. */
export function readRss(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // No procfs (macOS): ask ps.
  }
  try {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) || Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Runs `work` while sampling the resident memory of `pid` every `everyMs`; resolves its result and the peak in kB. */
export async function peakRssDuring<T>(pid: number, work: () => Promise<T>, everyMs = 20): Promise<{ result: T; peakKib: number }> {
  let peakKib = readRss(pid);
  const timer = setInterval(() => {
    const now = readRss(pid);
    if (now > peakKib || Number.isNaN(peakKib)) peakKib = now;
  }, everyMs);
  try {
    const result = await work();
    const last = readRss(pid);
    if (last > peakKib) peakKib = last;
    return { result, peakKib };
  } finally {
    clearInterval(timer);
  }
}

/** Peak resident memory of process `pid` since it started in kB (VmHWM); `NaN` where procfs is missing. */
export function readPeakRss(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
