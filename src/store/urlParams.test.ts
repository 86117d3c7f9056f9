import { describe, expect, it } from 'vitest';
import { formatUrlSettings, parseUrlSettings, URL_DEFAULTS } from './urlParams';

describe('URL settings', () => {
  it('reads valid values', () => {
    const { settings, ignored } = parseUrlSettings('?view=lab&backend=webgpu&theme=projector');
    expect(settings).toEqual({ view: 'lab', backend: 'webgpu', theme: 'projector' });
    expect(ignored).toEqual([]);
  });

  it('falls back to the default for a bad value and says so, keeping the rest', () => {
    const { settings, ignored } = parseUrlSettings('?backend=quantum&view=lab');
    expect(settings.backend).toBe(URL_DEFAULTS.backend);
    expect(settings.view).toBe('lab');
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toContain('backend=quantum');
  });

  it('lists unknown keys and shortens huge values', () => {
    const huge = 'x'.repeat(10_000);
    const { settings, ignored } = parseUrlSettings(`?zzz=1&theme=${huge}`);
    expect(settings).toEqual(URL_DEFAULTS);
    expect(ignored).toHaveLength(2);
    expect(ignored.join(' ').length).toBeLessThan(200);
  });

  it('round-trips through the query string, leaving defaults out', () => {
    const s = { ...URL_DEFAULTS, view: 'lab' as const };
    expect(formatUrlSettings(s)).toBe('?view=lab');
    expect(parseUrlSettings(formatUrlSettings(s)).settings).toEqual(s);
    expect(formatUrlSettings(URL_DEFAULTS)).toBe('');
  });
});
