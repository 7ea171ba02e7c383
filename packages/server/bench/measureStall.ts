import { formatMs, formatNumber, median, printTable } from './printTable.js';
import type { RapportTarget } from './benchTargets.js';

const IDLE_SAMPLES = 20;

async function timeBootstrap(target: RapportTarget): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${target.url}/v1/visitor/bootstrap`, { headers: target.visitor });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET /v1/visitor/bootstrap answered ${response.status} during the stall probe`);
  return performance.now() - started;
}

/**
 * How long a visitor waits while `work` (a long admin read on the same server) runs: bootstrap requests one after
 * another for as long as it lasts, against the same requests on the idle server just before. Prints one line.
 */
export async function measureStall(target: RapportTarget, what: string, work: () => Promise<unknown>): Promise<void> {
  const idle: number[] = [];
  for (let sample = 0; sample < IDLE_SAMPLES; sample += 1) idle.push(await timeBootstrap(target));
  let done = false;
  const started = performance.now();
  const running = work().finally(() => {
    done = true;
  });
  const during: number[] = [];
  while (!done) during.push(await timeBootstrap(target));
  await running;
  const workMs = performance.now() - started;
  console.log(`\n### Event-loop stall: GET /v1/visitor/bootstrap, one after another, while ${what} runs (${formatNumber(workMs)} ms)\n`);
  printTable(
    ['bootstrap', 'requests', 'p50 ms', 'worst ms'],
    [
      ['on the idle server, just before', String(IDLE_SAMPLES), formatMs(median(idle)), formatMs(Math.max(...idle))],
      [`during ${what}`, String(during.length), formatMs(median(during)), formatMs(Math.max(...during))],
    ],
  );
}
