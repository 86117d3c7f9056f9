import { describe, expect, it } from 'vitest';
import { defaultLabSettings, type LabSettings } from './labStore';
import { formatLabSettings, parseLabSettings } from './labUrl';

const query = (s: LabSettings) => `?${new URLSearchParams(formatLabSettings(s))}`;

describe('the lab in the URL', () => {
  it('writes nothing for the default lab, and reads nothing back', () => {
    expect(formatLabSettings(defaultLabSettings())).toEqual([]);
    expect(parseLabSettings('?view=lab').settings).toBeNull();
  });

  it('round-trips a preset with changed sliders', () => {
    const base = defaultLabSettings('rotated-a');
    const s: LabSettings = {
      ...base,
      params: { ...base.params, lambdaEwc: 3, noise: 0.4, fullFisher: true },
    };
    const back = parseLabSettings(query(s));
    expect(back.ignored).toEqual([]);
    expect(back.settings?.preset).toBe('rotated-a');
    expect(back.settings?.params).toEqual(s.params);
  });

  it('round-trips dragged geometry', () => {
    const base = defaultLabSettings();
    const tasks = base.params.tasks.map((t, i) => ({
      ...t,
      centre: [t.centre[0] + 0.5 * i, 1.25] as const,
      angle: 0.3,
    }));
    const s: LabSettings = {
      ...base,
      preset: 'custom',
      params: { ...base.params, tasks, theta0: [-1.5, 2] },
    };
    const back = parseLabSettings(query(s));
    expect(back.settings?.preset).toBe('custom');
    expect(back.settings?.params.tasks).toEqual(tasks);
    expect(back.settings?.params.theta0).toEqual([-1.5, 2]);
  });

  it('ignores bad values with a notice and keeps the rest', () => {
    const { settings, ignored } = parseLabSettings('?labLr=abc&labC=2&labTasks=1,2;3&labPreset=custom');
    expect(settings?.params.c).toBe(2);
    expect(settings?.params.lr).toBe(defaultLabSettings().params.lr);
    expect(settings?.preset).toBe(defaultLabSettings().preset);
    expect(ignored.length).toBe(3);
  });

  it('reads the last of a repeated parameter and lists the earlier ones', () => {
    const { settings, ignored } = parseLabSettings('?labC=2&labC=3');
    expect(settings?.params.c).toBe(3);
    expect(ignored).toEqual(['labC=2 (given more than once; the last one is read)']);
  });

  it('takes no inherited name for a key or a value', () => {
    const names = Object.getOwnPropertyNames(Object.prototype).map(encodeURIComponent);
    const query = `labFull=constructor&labPreset=__proto__&labSteps=valueOf&${names.map((n) => `${n}=1`).join('&')}`;
    const { settings, ignored } = parseLabSettings(`?labC=2&${query}`);
    expect(settings?.params).toEqual({ ...defaultLabSettings().params, c: 2 });
    expect(settings?.preset).toBe(defaultLabSettings().preset);
    expect(ignored).toEqual([
      "labPreset=__proto__ (not a valid value; using the preset's)",
      "labSteps=valueOf (not a valid value; using the preset's)",
      "labFull=constructor (not a valid value; using the preset's)",
    ]);
  });
});
