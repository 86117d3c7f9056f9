import type { Page } from '@playwright/test';

/** The read-only store snapshot the page exposes (see src/debugHook.ts). */
export interface ResultsSnapshot {
  phase: string;
  backend: { backend: string; skipped: { backend: string; reason: string }[]; note?: string } | null;
  errors: { scope: string; message: string; hint: string }[];
  steps: number[];
  evalLoss: number[];
  numTensors: number[];
}

export function results(page: Page): Promise<ResultsSnapshot> {
  return page.evaluate(() => {
    const hook = (globalThis as unknown as { __FORGETTING_PLAYGROUND__: { results: () => ResultsSnapshot } })
      .__FORGETTING_PLAYGROUND__;
    const s = hook.results();
    return {
      phase: s.phase,
      backend: s.backend,
      errors: s.errors,
      steps: [...s.steps],
      evalLoss: [...s.evalLoss],
      numTensors: [...s.numTensors],
    };
  });
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
