/**
 * The 2D lab's frame interval while a handle is dragged, in headless Chromium against the built site
 * served by `vite preview`. Target: median requestAnimationFrame interval at most 17 ms.
 * Needs `vite build` first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';

const PORT = 4391;
const DRAG_MS = 3000;

export interface DragBenchResult {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly frames: number;
}

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

export async function main(): Promise<DragBenchResult> {
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
    stdio: 'ignore',
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--enable-unsafe-webgpu'],
  });
  try {
    const url = `http://127.0.0.1:${PORT}/`;
    await waitForServer(url, server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${url}?view=lab`);
    const handle = page.locator('[data-testid="ellipse-plot"] [data-handle="centre1"]');
    await handle.waitFor();
    const box = (await handle.boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];

    // Record every animation-frame timestamp in the page while the pointer moves. A string, because
    // tsx's transform would wrap a function here in a helper that does not exist in the page.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__recording = true;
      const tick = (t) => {
        window.__frames.push(t);
        if (window.__recording) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    const start = Date.now();
    for (let i = 0; Date.now() - start < DRAG_MS; i++) {
      const a = i / 20; // a slow circle of radius 60 px, one pointer event per loop
      await page.mouse.move(cx + 60 * Math.sin(a), cy + 60 * (1 - Math.cos(a)));
    }
    await page.mouse.up();
    const frames = await page.evaluate<number[]>('window.__recording = false, window.__frames');
    const intervals = frames
      .slice(1)
      .map((t, i) => t - frames[i]!)
      .sort((a, b) => a - b);
    const result = {
      medianMs: quantile(intervals, 0.5),
      p95Ms: quantile(intervals, 0.95),
      frames: frames.length,
    };
    console.log(
      `lab-drag: frame interval while dragging: median ${result.medianMs.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms ` +
        `(${result.frames} frames over ${DRAG_MS} ms, target median ≤ 17 ms)`,
    );
    return result;
  } finally {
    await browser.close();
    server.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
