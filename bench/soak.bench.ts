/**
 * `npm run bench -- soak [--minutes N]`: a lecture-length run (30 minutes by default) in headless
 * Chromium at 1280×720 in projector mode. Four methods (SGD, L2, EWC, SI; permuted MNIST, five
 * tasks, 784-256-256) train on the default backend, with no automatic schedule; the task switches
 * every minute; every panel is shown in turn (the loss
 * landscape computed when it is shown); every 5 minutes the tab is hidden for 30 s (in minutes 3, 8,
 * 13, …). Each minute:
 * the worker's tf.memory() tensors and bytes, the page's and the worker's JS heap after a garbage
 * collection, long tasks, and the animation-frame interval.
 * Targets: tensor count flat after the first task; heaps within ±10 % of their minute-5 values
 * (half-way for a shorter soak);
 * no long task over 50 ms after start-up.
 *
 * Headless Chromium never hides a page (every tab reports "visible"), so hiding is emulated: the
 * page reports `hidden`, gets its visibilitychange, and its animation frames are held back until it
 * is shown again, as a background tab's are. Needs `vite build` first (the npm script does it).
 */
import { pathToFileURL } from 'node:url';
import type { CDPSession, Page } from '@playwright/test';
import { openSite, quantile, startFrameRecording, takeFrameStats } from './browser';

const PORT = 4394;
const PANEL_MS = 10_000;
/** Hidden in the third minute of every five (3, 8, 13, …), so a short soak hides once too. */
const HIDE_EVERY_MIN = 5;
const HIDE_IN_MINUTE = 3;
const HIDDEN_MS = 30_000;

export interface SoakOptions {
  minutes: number;
}

/** `--minutes N` among the bench arguments; the rest are bench names. */
export function parseSoakArgs(args: readonly string[]): { names: string[]; options: SoakOptions } {
  const names: string[] = [];
  let minutes = 30;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--minutes') {
      minutes = Number(args[++i]);
      if (!(Number.isFinite(minutes) && minutes >= 1)) throw new Error('--minutes needs a number ≥ 1');
    } else names.push(args[i]);
  }
  return { names, options: { minutes } };
}

interface Sample {
  minute: number;
  step: number;
  task: number;
  tensors: number;
  tfMB: number;
  pageHeapMB: number;
  workerHeapMB: number;
  longTasks: number[];
  frameMedianMs: number;
  frameP95Ms: number;
  hidden: boolean;
  /** A loss landscape was still being computed (its tensors counted too). */
  landscapeBusy: boolean;
}

/** The training worker's own DevTools session, reached through the page's (non-flattened) auto-attach. */
class WorkerDevTools {
  private session = '';
  private next = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  constructor(private readonly page: CDPSession) {}

  async attach(): Promise<void> {
    this.page.on('Target.receivedMessageFromTarget', (e) => {
      const reply = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (reply.id) this.waiting.get(reply.id)?.(reply.result);
    });
    const found = new Promise<void>((resolve) =>
      this.page.on('Target.attachedToTarget', (e) => {
        if (e.targetInfo.type === 'worker' && e.targetInfo.url.includes('training.worker')) {
          this.session = e.sessionId;
          resolve();
        }
      }),
    );
    await this.page.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    await found;
  }

  send<T>(method: string, params: object = {}): Promise<T> {
    const id = this.next++;
    const reply = new Promise<T>((resolve) => this.waiting.set(id, resolve as (r: unknown) => void));
    void this.page.send('Target.sendMessageToTarget', {
      sessionId: this.session,
      message: JSON.stringify({ id, method, params }),
    });
    return reply;
  }
}

const MB = 1024 * 1024;

/** The JS heap after a garbage collection, typed arrays' buffers included (they live outside it). */
async function heapAfterGc(send: <T>(method: string) => Promise<T>): Promise<number> {
  await send('HeapProfiler.collectGarbage');
  const heap = await send<{ usedSize: number; backingStorageSize: number }>('Runtime.getHeapUsage');
  return (heap.usedSize + heap.backingStorageSize) / MB;
}

/** The page as a background tab: reports hidden, and its animation frames wait until it is shown. */
const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate(`(() => {
    if (${hidden}) {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      window.__realRaf = window.requestAnimationFrame;
      window.__heldFrames = [];
      window.requestAnimationFrame = (cb) => (window.__heldFrames.push(cb), 0);
    } else {
      delete document.visibilityState;
      delete document.hidden;
      window.requestAnimationFrame = window.__realRaf;
      for (const cb of window.__heldFrames) window.requestAnimationFrame(cb);
    }
    document.dispatchEvent(new Event('visibilitychange'));
  })()`);

const results = (page: Page) =>
  page.evaluate<{ step: number; task: number; switches: number }>(`(() => {
    const r = globalThis.__FORGETTING_PLAYGROUND__.results();
    return { step: r.evaluations.at(-1)?.step ?? 0, task: r.switches.at(-1)?.to ?? 0, switches: r.switches.length };
  })()`);

export async function main(options: SoakOptions = { minutes: 30 }): Promise<Sample[]> {
  const site = await openSite(PORT);
  const samples: Sample[] = [];
  try {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const cdp = await page.context().newCDPSession(page);
    // Five permuted tasks switched by hand: the first click's schedule would end after 4 epochs.
    await page.goto(`${site.url}?theme=projector&protocol=permuted-mnist&tasks=5&hidden=256,256&epochs=0`);
    const worker = new WorkerDevTools(cdp);
    await worker.attach();
    const pageSend = <T>(method: string) => cdp.send(method as 'Runtime.getHeapUsage') as Promise<T>;
    const workerSend = <T>(method: string) => worker.send<T>(method);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForFunction(
      '(globalThis.__FORGETTING_PLAYGROUND__.results().evaluations.at(-1)?.step ?? 0) >= 10',
      null,
      {
        timeout: 120_000,
      },
    );
    await startFrameRecording(page); // after start-up: the backend, the data, the first steps
    const tabs = await page.getByRole('tab').all();
    const start = Date.now();
    const at = (ms: number) => page.waitForTimeout(Math.max(0, start + ms - Date.now()));
    let panel = 0;
    console.log(
      'soak: min | step | task | tensors | tf MB | page heap MB | worker heap MB | long tasks > 50 ms | frame median / p95 ms',
    );
    for (let minute = 1; minute <= options.minutes; minute++) {
      const hides = minute % HIDE_EVERY_MIN === HIDE_IN_MINUTE % HIDE_EVERY_MIN;
      // Every panel in turn, PANEL_MS each, the landscape first (it has the minute to compute);
      // the last 30 s of every fifth minute hidden.
      for (let t = 0; t < 60_000; t += PANEL_MS) {
        const tab = tabs[(panel++ + tabs.length - 1) % tabs.length];
        if (!(hides && t >= 60_000 - HIDDEN_MS)) {
          await tab.click();
          const compute = page.getByRole('button', { name: 'Compute landscape' });
          if ((await compute.isVisible()) && (await compute.isEnabled())) await compute.click();
        } else if (t === 60_000 - HIDDEN_MS) await setHidden(page, true);
        await at((minute - 1) * 60_000 + t + PANEL_MS);
      }
      if (hides) await setHidden(page, false);
      // A landscape being computed holds its own tensors for a while: count once it is done.
      const landscapeBusy = await page
        .waitForFunction('globalThis.__FORGETTING_PLAYGROUND__.results().landscapeProgress === null', null, {
          timeout: 20_000,
        })
        .then(() => false)
        .catch(() => true);
      const r = await results(page);
      const tf = (
        await worker.send<{ result: { value: { numTensors: number; numBytes: number } } }>(
          'Runtime.evaluate',
          {
            expression: 'globalThis._tfengine.memory()',
            returnByValue: true,
          },
        )
      ).result.value;
      const frames = await takeFrameStats(page);
      const sample: Sample = {
        minute,
        step: r.step,
        task: r.task + 1,
        tensors: tf.numTensors,
        tfMB: tf.numBytes / MB,
        pageHeapMB: await heapAfterGc(pageSend),
        workerHeapMB: await heapAfterGc(workerSend),
        longTasks: frames.longTasks,
        frameMedianMs: frames.medianMs,
        frameP95Ms: frames.p95Ms,
        hidden: hides,
        landscapeBusy,
      };
      samples.push(sample);
      console.log(
        `soak: ${String(minute).padStart(3)} | ${String(sample.step).padStart(6)} | ${sample.task} | ${String(sample.tensors).padStart(5)} | ` +
          `${sample.tfMB.toFixed(1).padStart(5)} | ${sample.pageHeapMB.toFixed(1).padStart(6)} | ${sample.workerHeapMB.toFixed(1).padStart(6)} | ` +
          `${sample.longTasks.length ? `${sample.longTasks.length} (max ${Math.max(...sample.longTasks).toFixed(0)} ms)` : '0'} | ` +
          `${sample.frameMedianMs.toFixed(1)} / ${sample.frameP95Ms.toFixed(1)}${hides ? '  (hidden 30 s)' : ''}` +
          `${landscapeBusy ? '  (landscape still computing: its tensors counted)' : ''}`,
      );
      // The next task, every minute (1 → 2 → … → 5 → 1 …).
      await page.keyboard.press(String(((r.task + 1) % 5) + 1));
    }
    report(samples);
    return samples;
  } finally {
    await site.close();
  }
}

/** The targets, met or not. */
function report(samples: Sample[]): void {
  const afterFirstTask = samples
    .slice(1)
    .filter((s) => !s.landscapeBusy)
    .map((s) => s.tensors);
  const tensorsFlat = afterFirstTask.every((n) => n === afterFirstTask[0]);
  // Minute 5 (or half-way through a shorter soak) is the heap's reference.
  const base = samples[Math.min(5, Math.ceil(samples.length / 2)) - 1];
  const drift = (key: 'pageHeapMB' | 'workerHeapMB') =>
    Math.max(...samples.filter((s) => s.minute >= base.minute).map((s) => Math.abs(s[key] / base[key] - 1)));
  const longTasks = samples.flatMap((s) => s.longTasks);
  console.log(
    `soak: tensor count after the first task ${tensorsFlat ? `flat at ${afterFirstTask[0]}` : `NOT flat: ${afterFirstTask.join(', ')}`}; ` +
      `page heap within ${(100 * drift('pageHeapMB')).toFixed(1)} % and worker heap within ${(100 * drift('workerHeapMB')).toFixed(1)} % of minute ${base.minute} (target ±10 %); ` +
      `${longTasks.length} long tasks over 50 ms${
        longTasks.length
          ? ` (p50 ${quantile(
              [...longTasks].sort((a, b) => a - b),
              0.5,
            ).toFixed(0)} ms, max ${Math.max(...longTasks).toFixed(0)} ms)`
          : ''
      } (target 0).`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(parseSoakArgs(process.argv.slice(2)).options);
}
