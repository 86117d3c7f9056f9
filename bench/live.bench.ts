/**
 * The live run in headless Chromium: worker steps per second for four methods in lockstep on each
 * backend, and the main thread during 20 s of training with the page visible at 1920×1080 (long
 * tasks over 50 ms after start-up; animation-frame interval median and p95).
 * Targets: no long task after start-up; median ≤ 17 ms, p95 ≤ 25 ms. Needs `vite build` first.
 */
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { type FrameStats, openSite, startFrameRecording, stopFrameRecording } from './browser';

const PORT = 4392;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** Measure over at least this long, and at least MIN_STEPS steps (software backends are slow). */
const MEASURE_MS = 10_000;
const MIN_STEPS = 20;
const MAX_MEASURE_MS = 90_000;
const MAIN_THREAD_MS = 20_000;

const lastStep = (page: Page) =>
  page.evaluate<number>('globalThis.__FORGETTING_PLAYGROUND__.results().evaluations.at(-1)?.step ?? 0');

async function waitForStep(page: Page, step: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await lastStep(page)) >= step) return true;
    await page.waitForTimeout(200);
  }
  return false;
}

export interface LiveBenchResult {
  stepsPerSecond: Partial<Record<(typeof BACKENDS)[number], number>>;
  mainThread: FrameStats;
}

export async function main(): Promise<LiveBenchResult> {
  const site = await openSite(PORT);
  const stepsPerSecond: LiveBenchResult['stepsPerSecond'] = {};
  try {
    for (const backend of BACKENDS) {
      const page = await site.browser.newPage();
      await page.goto(`${site.url}?backend=${backend}`);
      await page.getByRole('button', { name: 'Start' }).click();
      // The first steps compile shaders and load data: measure after them.
      if (!(await waitForStep(page, 10, 60_000))) {
        console.log(`live: ${backend}: not 10 steps within a minute; skipped`);
        await page.close();
        continue;
      }
      const used = await page.getByTestId('backend').getAttribute('data-backend');
      const [s0, t0] = [await lastStep(page), Date.now()];
      await page.waitForTimeout(MEASURE_MS);
      await waitForStep(page, s0 + MIN_STEPS, MAX_MEASURE_MS - MEASURE_MS);
      const [s1, t1] = [await lastStep(page), Date.now()];
      await page.close();
      if (used !== backend) {
        console.log(`live: ${backend}: not available here (ran on ${used}); skipped`);
        continue;
      }
      stepsPerSecond[backend] = ((s1 - s0) * 1000) / (t1 - t0);
      console.log(
        `live: ${backend}: ${stepsPerSecond[backend]!.toFixed(1)} lockstep steps/s (SGD, L2, EWC, SI; 784-256-256, batch 64)`,
      );
    }

    const page = await site.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Start' }).click();
    await waitForStep(page, 20, 60_000); // start-up: data, backend, first evaluations
    await startFrameRecording(page);
    await page.waitForTimeout(MAIN_THREAD_MS / 4);
    await page.keyboard.press('2'); // a task switch mid-recording: consolidation must not stall the page
    await page.waitForTimeout(MAIN_THREAD_MS / 4);
    // Then every panel in turn, each for a while, as training goes on.
    const tabs = await page.getByRole('tab').all();
    for (const tab of tabs) {
      await tab.click();
      await page.waitForTimeout(MAIN_THREAD_MS / 2 / tabs.length);
    }
    const mainThread = await stopFrameRecording(page);
    console.log(
      `live: main thread over ${MAIN_THREAD_MS / 1000} s of training at 1920×1080, a task switch and every panel shown in turn: ` +
        `${mainThread.longTasks.length} long tasks over 50 ms${mainThread.longTasks.length ? ` (${mainThread.longTasks.map((d) => d.toFixed(0)).join(', ')} ms)` : ''}; ` +
        `frame interval median ${mainThread.medianMs.toFixed(1)} ms, p95 ${mainThread.p95Ms.toFixed(1)} ms ` +
        '(targets: none; ≤ 17 ms; ≤ 25 ms)',
    );
    return { stepsPerSecond, mainThread };
  } finally {
    await site.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
