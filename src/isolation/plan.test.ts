import { describe, expect, it } from 'vitest';
import { type IsolationEnv, NOT_ISOLATED, planIsolation } from './plan';

const firstVisit: IsolationEnv = {
  isolated: false,
  serviceWorkers: true,
  framed: false,
  controlled: false,
  reloaded: false,
};

describe('planIsolation', () => {
  it('waits for the service worker only on an unisolated first visit', () => {
    expect(planIsolation(firstVisit)).toBe('wait');
    expect(planIsolation({ ...firstVisit, isolated: true })).toEqual({ isolated: true });
  });

  it('never reloads twice in a tab: the loop guard wins over everything but isolation', () => {
    expect(planIsolation({ ...firstVisit, reloaded: true })).toEqual({
      isolated: false,
      reason: NOT_ISOLATED.stillNot,
    });
    expect(planIsolation({ ...firstVisit, reloaded: true, isolated: true })).toEqual({ isolated: true });
  });

  it('goes on without threads, saying why, where a reload cannot help', () => {
    const reason = (env: Partial<IsolationEnv>) => {
      const plan = planIsolation({ ...firstVisit, ...env });
      return plan !== 'wait' && !plan.isolated ? plan.reason : plan;
    };
    expect(reason({ serviceWorkers: false })).toBe(NOT_ISOLATED.noServiceWorker);
    expect(reason({ framed: true })).toBe(NOT_ISOLATED.framed);
    expect(reason({ controlled: true })).toBe(NOT_ISOLATED.olderWorker);
  });
});
