/**
 * What the in-browser benchmarks share: the built site served under a sub-path, headless Chromium
 * with WebGPU enabled, and animation-frame recording. Needs `vite build` first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type Browser, chromium, type Page } from '@playwright/test';
import { findChromium, INSTALL_HINT } from '../scripts/chromium-path.mjs';

export interface Site {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (server.exitCode !== null) throw new Error(`the static server exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the static server did not answer at ${url}`);
}

export async function openSite(port: number): Promise<Site> {
  const found = await findChromium();
  if (!found) throw new Error(INSTALL_HINT);
  const base = '/bench/';
  const server = spawn('node', ['scripts/serve-subpath.mjs', '--port', String(port), '--base', base], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}${base}`;
  const browser = await chromium.launch({ executablePath: found.path, args: ['--enable-unsafe-webgpu'] });
  try {
    await waitForServer(url, server);
  } catch (err) {
    await browser.close();
    server.kill();
    throw err;
  }
  return {
    url,
    browser,
    close: async () => {
      await browser.close();
      server.kill();
    },
  };
}

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/**
 * Starts recording animation-frame timestamps and long tasks in the page. A string, because
 * tsx's transform would wrap a function here in a helper that does not exist in the page.
 */
export function startFrameRecording(page: Page): Promise<unknown> {
  return page.evaluate(`(() => {
    window.__frames = [];
    window.__longTasks = [];
    window.__recording = true;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (window.__recording) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

export interface FrameStats {
  medianMs: number;
  p95Ms: number;
  frames: number;
  /** Main-thread tasks over 50 ms while recording. */
  longTasks: number[];
}

export async function stopFrameRecording(page: Page): Promise<FrameStats> {
  await page.evaluate('window.__recording = false');
  return takeFrameStats(page);
}

/** The frames and long tasks recorded so far, which are then forgotten; recording goes on. */
export async function takeFrameStats(page: Page): Promise<FrameStats> {
  const { frames, longTasks } = await page.evaluate<{ frames: number[]; longTasks: number[] }>(`(() => {
    const taken = { frames: window.__frames, longTasks: window.__longTasks };
    window.__frames = taken.frames.slice(-1);
    window.__longTasks = [];
    return taken;
  })()`);
  const intervals = frames
    .slice(1)
    .map((t, i) => t - frames[i]!)
    .sort((a, b) => a - b);
  return {
    medianMs: quantile(intervals, 0.5),
    p95Ms: quantile(intervals, 0.95),
    frames: frames.length,
    longTasks,
  };
}
