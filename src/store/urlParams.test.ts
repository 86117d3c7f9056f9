import { describe, expect, it } from 'vitest';
import { learningRateKey, METHOD_IDS, METHOD_PARAMS } from '../engine/methods/registry';
import { formatUrlSettings, parseUrlSettings, URL_DEFAULTS, type UrlSettings } from './urlParams';

describe('URL settings', () => {
  it('reads valid values of every kind', () => {
    const { settings, ignored } = parseUrlSettings(
      '?view=lab&backend=webgpu&theme=projector&protocol=permuted-mnist&tasks=7&methods=si,sgd&seed=3&c=0.5&online=1&lr=0.002',
    );
    expect(ignored).toEqual([]);
    expect(settings).toMatchObject({
      view: 'lab',
      backend: 'webgpu',
      theme: 'projector',
      protocol: 'permuted-mnist',
      tasks: 7,
      methods: ['sgd', 'si'],
      seed: 3,
      c: 0.5,
      ewcOnline: true,
      learningRate: 0.002,
    });
  });

  it('falls back to the default for a bad value and says so, keeping the rest', () => {
    const { settings, ignored } = parseUrlSettings('?backend=quantum&view=lab&c=-1&tasks=11&methods=sgd,zap');
    expect(settings.backend).toBe(URL_DEFAULTS.backend);
    expect(settings.c).toBe(URL_DEFAULTS.c);
    expect(settings.tasks).toBe(URL_DEFAULTS.tasks);
    expect(settings.methods).toEqual(URL_DEFAULTS.methods);
    expect(settings.view).toBe('lab');
    expect(ignored).toHaveLength(4);
    expect(ignored[0]).toContain('backend=quantum');
  });

  it.each(['NaN', 'Infinity', '1e400', '0x10', '', ' ', '1,5', '2.5'])(
    'rejects the number %j for an integer',
    (raw) => {
      const { settings, ignored } = parseUrlSettings(`?seed=${encodeURIComponent(raw)}`);
      expect(settings.seed).toBe(URL_DEFAULTS.seed);
      expect(ignored).toHaveLength(1);
    },
  );

  it('lists unknown keys and shortens huge values', () => {
    const huge = 'x'.repeat(10_000);
    const { settings, ignored } = parseUrlSettings(`?zzz=1&theme=${huge}`);
    expect(settings).toEqual(URL_DEFAULTS);
    expect(ignored).toHaveLength(2);
    expect(ignored.join(' ').length).toBeLessThan(200);
  });

  it('round-trips through the query string, leaving defaults out and stamping the version', () => {
    const s: UrlSettings = {
      ...URL_DEFAULTS,
      view: 'lab',
      methods: ['ewc', 'joint'],
      ewcOnline: true,
      xi: 0.01,
    };
    const query = formatUrlSettings(s);
    expect(query).toContain('v=1');
    expect(query).not.toContain('theme');
    expect(parseUrlSettings(query).settings).toEqual(s);
    expect(formatUrlSettings(URL_DEFAULTS)).toBe('');
  });

  it('reads every method parameter and per-method learning rate under its registry key', () => {
    for (const p of METHOD_PARAMS) {
      const value = p.slider.max;
      const { settings, ignored } = parseUrlSettings(`?${p.key}=${value}`);
      expect(ignored).toEqual([]);
      expect(settings[p.key]).toBe(value);
      expect(parseUrlSettings(`?${p.key}=${p.range.max * 10 + 1}`).ignored).toHaveLength(1);
    }
    for (const id of METHOD_IDS) {
      const { settings } = parseUrlSettings(`?${learningRateKey(id)}=0.02`);
      expect(settings[learningRateKey(id)]).toBe(0.02);
    }
    // The keys links have always used (the per-method rates' older names included).
    expect(
      parseUrlSettings('?lrSgd=1&lrL2=1&lrEwc=1&lrSi=1&lrJoint=1&c=1&xi=1&lambdaL2=1&lambdaEwc=1').ignored,
    ).toEqual([]);
  });

  // Every name a plain object inherits: ?constructor=x once left the page on its loading screen.
  const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

  it.each(PROTOTYPE_NAMES)('ignores the parameter %s like any other unknown one', (name) => {
    const { settings, ignored } = parseUrlSettings(`?${encodeURIComponent(name)}=1&seed=4`);
    expect(settings).toEqual({ ...URL_DEFAULTS, seed: 4 });
    expect(ignored).toEqual([`${name} (unknown parameter)`]);
  });

  it('takes no inherited name for a value', () => {
    const query = Object.keys(URL_DEFAULTS)
      .flatMap((key) => PROTOTYPE_NAMES.map((name) => `${key}=${encodeURIComponent(name)}`))
      .join('&');
    const { settings, ignored } = parseUrlSettings(`?${query}`);
    expect(settings).toEqual(URL_DEFAULTS);
    expect(ignored).toHaveLength(Object.keys(URL_DEFAULTS).length * PROTOTYPE_NAMES.length);
  });

  it('reads the last of a repeated parameter and lists the earlier ones', () => {
    const { settings, ignored } = parseUrlSettings('?seed=1&c=2&seed=zz&seed=5&=3');
    expect(settings.seed).toBe(5);
    expect(settings.c).toBe(2);
    expect(ignored).toEqual([
      'seed=1 (given more than once; the last one is read)',
      'seed=zz (given more than once; the last one is read)',
      '(a parameter with no name) (unknown parameter)',
    ]);
  });

  it('notes an unknown link version but still reads the rest', () => {
    const { settings, ignored } = parseUrlSettings('?v=9&seed=4');
    expect(settings.seed).toBe(4);
    expect(ignored[0]).toContain('v=9');
  });
});

describe('older URL keys', () => {
  it('read the setting their new name reads, and a link is written with the new names', () => {
    const old = parseUrlSettings('?lr=0.01&batch=32&samples=200&online=1');
    const now = parseUrlSettings('?learningRate=0.01&batchSize=32&fisherSamples=200&ewcOnline=1');
    expect(old.ignored).toEqual([]);
    expect(old.settings).toEqual(now.settings);
    expect(old.settings).toMatchObject({
      learningRate: 0.01,
      batchSize: 32,
      fisherSamples: 200,
      ewcOnline: true,
    });
    expect([...old.given].sort()).toEqual(['batchSize', 'ewcOnline', 'fisherSamples', 'learningRate']);
    const link = formatUrlSettings(old.settings);
    expect(link).toBe('?learningRate=0.01&batchSize=32&fisherSamples=200&ewcOnline=1&v=1');
    expect(parseUrlSettings(link).settings).toEqual(old.settings);
  });

  it('count as the same parameter as the new name: the last one is read, and a bad value names the key given', () => {
    const { settings, ignored } = parseUrlSettings('?lr=0.01&learningRate=0.02&batch=0');
    expect(settings.learningRate).toBe(0.02);
    expect(ignored).toEqual([
      'lr=0.01 (given more than once; the last one is read)',
      `batch=0 (not a valid value; using ${URL_DEFAULTS.batchSize})`,
    ]);
  });
});

describe('retired URL keys', () => {
  const link = '?protocol=permuted-mnist&tasks=5&methods=sgd,ewc&seed=3&lambdaEwc=400';

  it.each(['fused=0', 'fused=1', 'fused=0&fused=1', 'fused=nonsense'])(
    'open a link with %s as the same link without it, with no notice',
    (retired) => {
      const without = parseUrlSettings(link);
      for (const query of [`${link}&${retired}`, `?${retired}&${link.slice(1)}`]) {
        const now = parseUrlSettings(query);
        expect(now.ignored).toEqual([]);
        expect(now.settings).toEqual(without.settings);
        expect(now.given).toEqual(without.given);
        expect(Object.hasOwn(now.settings, 'fused')).toBe(false);
      }
      expect(formatUrlSettings(parseUrlSettings(`${link}&${retired}`).settings)).toBe(
        formatUrlSettings(without.settings),
      );
    },
  );
});
