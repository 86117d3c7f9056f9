import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** A plain copy of the results store (see src/debugHook.ts), typed arrays turned into arrays. */
export interface ResultsSnapshot {
  phase: string;
  backend: { backend: string; skipped: { backend: string; reason: string }[]; note?: string } | null;
  errors: { scope: string; message: string; hint: string }[];
  methods: string[];
  taskNames: string[];
  evaluations: { step: number; task: number; accuracy: number[]; trainLoss: number[]; numTensors: number }[];
  switches: { step: number; from: number; to: number; accuracy: number[]; consolidated: boolean }[];
  diverged: Record<string, { step: number; cause: string }>;
}

export function results(page: Page): Promise<ResultsSnapshot> {
  return page.evaluate(() => {
    type Hook = { results: () => Record<string, unknown> };
    const hook = (globalThis as unknown as { __FORGETTING_PLAYGROUND__: Hook }).__FORGETTING_PLAYGROUND__;
    // The store's own types stay in the page; the test sees plain data.
    const s = hook.results() as unknown as {
      phase: string;
      backend: ResultsSnapshot['backend'];
      errors: ResultsSnapshot['errors'];
      config: { methods: string[] } | null;
      taskNames: string[];
      evaluations: {
        step: number;
        task: number;
        accuracy: Float32Array;
        trainLoss: Float32Array;
        numTensors: number;
      }[];
      switches: {
        step: number;
        from: number;
        to: number;
        accuracy: Float32Array;
        boundary: unknown[] | null;
      }[];
      diverged: ResultsSnapshot['diverged'];
    };
    return {
      phase: s.phase,
      backend: s.backend,
      errors: s.errors.map(({ scope, message, hint }) => ({ scope, message, hint })),
      methods: s.config?.methods ?? [],
      taskNames: s.taskNames,
      evaluations: s.evaluations.map((e) => ({
        step: e.step,
        task: e.task,
        accuracy: [...e.accuracy],
        trainLoss: [...e.trainLoss],
        numTensors: e.numTensors,
      })),
      switches: s.switches.map((w) => ({
        step: w.step,
        from: w.from,
        to: w.to,
        accuracy: [...w.accuracy],
        consolidated: w.boundary !== null,
      })),
      diverged: s.diverged,
    };
  });
}

/** The step of the latest evaluation (0 before any). */
export async function lastStep(page: Page): Promise<number> {
  return (await results(page)).evaluations.at(-1)?.step ?? 0;
}

/** Fails the test on any console error or uncaught page error. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** True when the page fits the viewport: no scrolling in either direction. */
export function noPageScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.scrollingElement!;
    return el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1;
  });
}

/** axe-core's serious and critical WCAG 2 A/AA violations on the page (or inside `selector`), one line each. */
export async function seriousA11yViolations(page: Page, selector?: string): Promise<string[]> {
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  const { violations } = await (selector ? axe.include(selector) : axe).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Where in the worker's computation a fault can be injected (src/engine/faultPoints.ts). */
export type FaultPoint = 'step' | 'consolidation' | 'fisher' | 'landscape';

/**
 * Calls one of the page's fault injections (src/debugHook.ts): the worker killed, or its GPU device
 * lost; now, or the next time the computation reaches `at`.
 */
export function injectFault(page: Page, fault: 'crash' | 'loseDevice', at?: FaultPoint): Promise<void> {
  return page.evaluate(
    ([name, point]) => {
      type Hook = Record<'crash' | 'loseDevice', (at?: FaultPoint) => void>;
      (globalThis as unknown as { __FORGETTING_PLAYGROUND__: Hook }).__FORGETTING_PLAYGROUND__[name](point);
    },
    [fault, at] as const,
  );
}

/** Shorter start-up time limits for this page (src/store/startupWatch.ts), set before it loads. */
export async function shortStartupLimits(page: Page, limits: Record<string, number>): Promise<void> {
  await page.addInitScript((l) => Object.assign(globalThis, { __FORGETTING_PLAYGROUND_LIMITS__: l }), limits);
}

/** The page's current settings, through its debug hook. */
export const settings = (page: Page) =>
  page.evaluate(() => {
    type Hook = { settings: () => Record<string, unknown> };
    const s = (
      globalThis as unknown as { __FORGETTING_PLAYGROUND__: Hook }
    ).__FORGETTING_PLAYGROUND__.settings();
    return JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
  });
