/**
 * The live run in headless Chromium: worker steps per second for four methods in lockstep on each
 * backend; on WASM for permuted MNIST (784-256-256, five tasks, all trained) the share of worker
 * time the live evaluation takes (target: at most a third of training); and the main thread during
 * 20 s of training with the page visible at 1920×1080, a task switch and every panel shown in turn
 * (long tasks over 50 ms after start-up; animation-frame interval median and p95). The backends are
 * measured with service workers blocked, so the page is not cross-origin isolated and WASM runs on
 * one thread; `threads` (also `npm run bench -- threads` alone) then measures WASM on the same run
 * after the service worker has isolated the page (threaded SIMD build, every core): threads
 * against one thread, target ≥ 2×.
 * Targets: no long task after start-up; median ≤ 17 ms, p95 ≤ 25 ms. Needs `vite build` first.
 */
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { type FrameStats, openSite, type Site, startFrameRecording, stopFrameRecording } from './browser';

const PORT = 4392;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** Measure over at least this long, and at least MIN_STEPS steps (software backends are slow). */
const MEASURE_MS = 10_000;
const MIN_STEPS = 20;
const MAX_MEASURE_MS = 90_000;
const MAIN_THREAD_MS = 20_000;

interface Progress {
  step: number;
  trainMs: number;
  evalMs: number;
}
const progress = (page: Page) =>
  page.evaluate<Progress>(`(() => {
    const s = globalThis.__FORGETTING_PLAYGROUND__.results();
    return { step: s.evaluations.at(-1)?.step ?? 0, trainMs: s.workerMs.train, evalMs: s.workerMs.evaluate };
  })()`);
const lastStep = async (page: Page) => (await progress(page)).step;

async function waitForStep(page: Page, step: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await lastStep(page)) >= step) return true;
    await page.waitForTimeout(200);
  }
  return false;
}

interface Throughput {
  stepsPerSecond: number;
  /** Share of the worker's time spent in live evaluations while measuring. */
  evalShare: number;
  backend: string | null;
}

/** Steps per second from now on (at least MEASURE_MS and MIN_STEPS), and the evaluations' share. */
async function measure(page: Page): Promise<Throughput> {
  const backend = await page.getByTestId('backend').getAttribute('data-backend');
  const [p0, t0] = [await progress(page), Date.now()];
  await page.waitForTimeout(MEASURE_MS);
  await waitForStep(page, p0.step + MIN_STEPS, MAX_MEASURE_MS - MEASURE_MS);
  const [p1, t1] = [await progress(page), Date.now()];
  const train = p1.trainMs - p0.trainMs;
  const evaluate = p1.evalMs - p0.evalMs;
  return {
    stepsPerSecond: ((p1.step - p0.step) * 1000) / (t1 - t0),
    evalShare: evaluate / Math.max(1, train + evaluate),
    backend,
  };
}

/** A run of `url` started, measured after its first `warmup` steps (data loading, shader compiling). */
async function throughput(page: Page, url: string, warmup: number): Promise<Throughput | null> {
  await page.goto(url);
  // A slow backend may take a while to start (the button is disabled until then).
  const started = await page
    .getByRole('button', { name: 'Start' })
    .click({ timeout: 120_000 })
    .then(() => true)
    .catch(() => false);
  return started && (await waitForStep(page, warmup, 120_000)) ? measure(page) : null;
}

const pct = (share: number) => `${(100 * share).toFixed(0)} %`;

/** A page whose service worker has taken over, so the site is cross-origin isolated (one reload). */
async function isolatedPage(site: Site): Promise<Page> {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}?view=lab`);
  for (let i = 0; i < 600; i++) {
    // Asked while the first visit reloads, the question has no answer: asked again.
    if (await page.evaluate('crossOriginIsolated').catch(() => false)) return page;
    await page.waitForTimeout(200);
  }
  throw new Error('the service worker did not make the page cross-origin isolated within two minutes');
}

/** The backend the status bar reports, as it reads ("WASM · SIMD · 2 threads"). */
const backendLabel = async (page: Page) =>
  (await page.getByTestId('backend').textContent())?.replace('Backend: ', '');

/** The two ways WASM can run the live page: one thread (not isolated) or threads (isolated). */
const WASM_RUNS = [
  { threads: false, label: '1 thread' },
  { threads: true, label: 'threads' },
] as const;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/**
 * Four methods in lockstep on WASM, two rounds of each way to run it: one thread (not isolated)
 * or threads (isolated). The headline is threads against one thread (target ≥ 2×).
 */
export async function threads(given?: Site): Promise<Record<string, number[]>> {
  const site = given ?? (await openSite(PORT));
  const speeds: Record<string, number[]> = Object.fromEntries(WASM_RUNS.map((r) => [r.label, []]));
  try {
    const plain = await site.browser.newContext({ serviceWorkers: 'block' });
    const isolated = await isolatedPage(site);
    for (let round = 0; round < 2; round++) {
      for (const run of WASM_RUNS) {
        const page = run.threads ? isolated : await plain.newPage();
        const t = await throughput(page, `${site.url}?backend=wasm`, 10);
        const label = await backendLabel(page);
        if (page !== isolated) await page.close();
        if (t?.backend !== 'wasm') continue;
        speeds[run.label].push(t.stepsPerSecond);
        console.log(
          `live: ${label}: ${t.stepsPerSecond.toFixed(1)} lockstep steps/s (SGD, L2, EWC, SI; split MNIST, 784-256-256, batch 64)`,
        );
      }
    }
    await plain.close();
    await isolated.close();
    const base = mean(speeds['1 thread']);
    const threaded = mean(speeds.threads);
    console.log(
      `live: WASM threads / 1 thread: ${(threaded / base).toFixed(2)}× (means ${threaded.toFixed(1)} and ${base.toFixed(1)} steps/s; target ≥ 2×)`,
    );
    return speeds;
  } finally {
    if (!given) await site.close();
  }
}

export interface LiveBenchResult {
  stepsPerSecond: Partial<Record<(typeof BACKENDS)[number], number>>;
  permutedWasm: Throughput | null;
  mainThread: FrameStats;
}

export async function main(): Promise<LiveBenchResult> {
  const site = await openSite(PORT);
  const stepsPerSecond: LiveBenchResult['stepsPerSecond'] = {};
  try {
    // Not isolated: WASM on one thread, as a host without headers gave before the service worker.
    const plain = await site.browser.newContext({ serviceWorkers: 'block' });
    for (const backend of BACKENDS) {
      const page = await plain.newPage();
      const t = await throughput(page, `${site.url}?backend=${backend}`, 10);
      await page.close();
      if (!t) {
        console.log(`live: ${backend}: did not start or not 10 steps within two minutes; skipped`);
        continue;
      }
      if (t.backend !== backend) {
        console.log(`live: ${backend}: not available here (ran on ${t.backend}); skipped`);
        continue;
      }
      stepsPerSecond[backend] = t.stepsPerSecond;
      console.log(
        `live: ${backend}${backend === 'wasm' ? ' (1 thread)' : ''}: ${t.stepsPerSecond.toFixed(1)} lockstep steps/s (SGD, L2, EWC, SI; split MNIST, 784-256-256, batch 64)`,
      );
    }

    await plain.close();
    await threads(site);

    // Permuted MNIST with every task trained: the largest live evaluation (5 × 1,200 test digits).
    const page = await site.browser.newPage();
    const first = await throughput(page, `${site.url}?backend=wasm&protocol=permuted-mnist`, 10);
    let permutedWasm: Throughput | null = null;
    if (first) {
      for (const key of ['2', '3', '4', '5']) await page.keyboard.press(key);
      if (await waitForStep(page, (await lastStep(page)) + 60, 120_000)) permutedWasm = await measure(page);
      console.log(
        `live: wasm, permuted MNIST 784-256-256, SGD/L2/EWC/SI: task 1 alone ${first.stepsPerSecond.toFixed(1)} steps/s ` +
          `(evaluation ${pct(first.evalShare)} of worker time); all five tasks trained ` +
          (permutedWasm
            ? `${permutedWasm.stepsPerSecond.toFixed(1)} steps/s (evaluation ${pct(permutedWasm.evalShare)} of worker time)`
            : 'not reached in two minutes') +
          ' (target: evaluation ≤ 25 % of worker time, a third of training)',
      );
    }
    await page.close();

    const view = await site.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await view.goto(site.url);
    await view.getByRole('button', { name: 'Start' }).click();
    await waitForStep(view, 20, 60_000); // start-up: data, backend, first evaluations
    await startFrameRecording(view);
    await view.waitForTimeout(MAIN_THREAD_MS / 4);
    await view.keyboard.press('2'); // a task switch mid-recording: consolidation must not stall the page
    await view.waitForTimeout(MAIN_THREAD_MS / 4);
    // Then every panel in turn, each for a while, as training goes on: the first ω-vs-Fisher draw
    // of ~270,000 points, the histograms and the landscape's computation included.
    const tabs = await view.getByRole('tab').all();
    for (const tab of tabs) {
      await tab.click();
      await view.waitForTimeout(MAIN_THREAD_MS / 2 / tabs.length);
    }
    const mainThread = await stopFrameRecording(view);
    console.log(
      `live: main thread over ${MAIN_THREAD_MS / 1000} s of training at 1920×1080, a task switch and every panel shown in turn: ` +
        `${mainThread.longTasks.length} long tasks over 50 ms${mainThread.longTasks.length ? ` (${mainThread.longTasks.map((d) => d.toFixed(0)).join(', ')} ms)` : ''}; ` +
        `frame interval median ${mainThread.medianMs.toFixed(1)} ms, p95 ${mainThread.p95Ms.toFixed(1)} ms ` +
        '(targets: none; ≤ 17 ms; ≤ 25 ms)',
    );
    return { stepsPerSecond, permutedWasm, mainThread };
  } finally {
    await site.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
