/**
 * Generated bad input for e2e/hostile-input.spec.ts: links and settings files a student might
 * type, paste, hand-edit or be sent. Each case names what the notice must mention, and, for the
 * mixed ones, a valid setting that must still be applied.
 */

export interface BadLink {
  query: string;
  /** Text the "ignored" notice must contain (the offending parameter). */
  mentions: string;
  /** A setting the link also gives validly, which must be in force. */
  applied?: [key: string, value: unknown];
}

export interface BadFile {
  name: string;
  content: string | Buffer;
  /** 'refused': not a settings file at all; else the settings entry the notice must mention. */
  expect: 'refused' | { mentions: string };
}

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const enc = encodeURIComponent;
/** How the notice writes a long name or value (src/store/urlParams.ts `shorten`). */
const shown = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

const CHOICE_KEYS = [
  'view',
  'backend',
  'theme',
  'protocol',
  'scenario',
  'fisher',
  'methods',
  'sweep',
  'hidden',
  'labPreset',
];
// `online`, `lr`, `batch`, `samples`: the older names of ewcOnline, learningRate, batchSize, fisherSamples.
const BOOLEAN_KEYS = ['online', 'ewcOnline', 'embed', 'labFull'];
const NUMBER_KEYS = [
  'seed',
  'tasks',
  'lr',
  'learningRate',
  'lrSi',
  'learningRateSi',
  'batch',
  'batchSize',
  'c',
  'xi',
  'lambdaL2',
  'lambdaEwc',
  'samples',
  'fisherSamples',
  'gamma',
  'epochs',
  'speed',
  'sweepLanes',
  'scene',
  'labLr',
  'labSteps',
  'labNoise',
  'labC',
];
/** Not a number in range for any numeric setting, whatever its bounds. */
const BAD_NUMBERS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '1e309',
  '-1e309',
  '0x1F',
  '0b11',
  '1_000',
  '9'.repeat(400),
  '--1',
  '1..2',
  '½',
  '٣',
  '',
  ' ',
  '1,5',
  'abc',
  '1e',
  '.',
];

export function badLinks(): BadLink[] {
  const links: BadLink[] = [];
  const add = (query: string, mentions: string, applied?: BadLink['applied']) =>
    links.push({ query, mentions, applied });

  // Every inherited name, as a parameter and as a value (booleans and choices once looked values up).
  for (const name of PROTOTYPE_NAMES) add(`${enc(name)}=x`, name);
  for (const key of BOOLEAN_KEYS)
    for (const name of PROTOTYPE_NAMES) add(`${key}=${enc(name)}`, `${key}=${name}`);
  CHOICE_KEYS.forEach((key, i) => {
    for (const name of PROTOTYPE_NAMES.filter((_, j) => j % 4 === i % 4))
      add(`${key}=${enc(name)}`, `${key}=${name}`);
  });
  // __proto__ and friends in bracket and dotted forms, raw and encoded.
  for (const query of [
    '__proto__[view]=lab',
    '__proto__%5Bview%5D=lab',
    'constructor[prototype][theme]=dark',
    'constructor.prototype.view=lab',
    'view[__proto__]=lab',
    '__proto__.embed=1',
    '%5F%5Fproto%5F%5F=1',
    '__PROTO__=1',
    'toString[]=1',
    '__proto__[__proto__][seed]=9',
  ]) {
    add(query, decodeURIComponent(query.split('=')[0]));
  }
  // Numbers: every bad form, spread over every numeric setting.
  NUMBER_KEYS.forEach((key, i) => {
    for (let k = 0; k < 3; k++) {
      const value = BAD_NUMBERS[(3 * i + k) % BAD_NUMBERS.length];
      add(`${key}=${enc(value)}`, `${key}=${shown(value)}`);
    }
  });
  // Empty, nameless and repeated parameters.
  add('=', '(a parameter with no name)');
  add('=lab', '(a parameter with no name)');
  add('seed=', 'seed=');
  add('&&seed=&&', 'seed=');
  add('methods=,,', 'methods=,,');
  add('hidden=,', 'hidden=,');
  add('seed=1&seed=2', 'seed=1 (given more than once', ['seed', 2]);
  add('view=lab&view=network&view=lab', 'view=network (given more than once', ['view', 'lab']);
  add('labC=1&labC=2', 'labC=1 (given more than once');
  add('v=2&v=1', 'v=2');
  // Broken percent-encoding (URLSearchParams keeps what it cannot decode).
  for (const [query, mentions] of [
    ['view=%', 'view=%'],
    ['view=%E0%A4%A', 'view='],
    ['theme=%zz', 'theme=%zz'],
    ['seed=%00', 'seed='],
    ['%ZZ=1', '%ZZ'],
    ['view=%C0%AF', 'view='],
    ['theme=%ED%A0%80', 'theme='],
    ['methods=sgd%2', 'methods=sgd%2'],
    ['%=%', '%'],
    ['c=%2B%2B', 'c=++'],
  ]) {
    add(query, mentions);
  }
  // Very long names and values (within what a server takes in a request line, ~8 KB for nginx).
  add(`theme=${'A'.repeat(6000)}`, `theme=${shown('A'.repeat(100))}`);
  add(`${'k'.repeat(6000)}=1`, shown('k'.repeat(100)));
  add(`methods=${'sgd,'.repeat(1500)}`, 'methods=sgd,sgd');
  add(`labTasks=${'1,'.repeat(3000)}&labPreset=custom`, 'labTasks=1,1');
  // HTML and script fragments: shown as text, never run.
  for (const [key, value] of [
    ['view', '<script>alert(1)</script>'],
    ['theme', '"><img src=x onerror=alert(1)>'],
    ['scene', 'javascript:alert(1)'],
    ['labPreset', '</details><h1>x</h1>'],
    ['methods', 'sgd<svg onload=alert(1)>'],
    ['<b onmouseover=alert(1)>', '1'],
  ]) {
    add(`${enc(key)}=${enc(value)}`, key.startsWith('<') ? shown(key) : `${key}=${shown(value)}`);
  }
  // Valid and invalid mixed: the valid ones are in force.
  add('seed=7&c=abc', 'c=abc', ['seed', 7]);
  add('protocol=permuted-mnist&tasks=99', 'tasks=99', ['protocol', 'permuted-mnist']);
  add('methods=si,ewc&lr=-1', 'lr=-1', ['methods', ['ewc', 'si']]);
  // A sweep of a method without a strength is refused; the rest of the link still applies.
  add('sweep=sgd&sweepLanes=6', 'sweep=sgd', ['sweepLanes', 6]);
  add('sweep=si&sweepLanes=1', 'sweepLanes=1', ['sweep', 'si']);
  add('theme=dark&constructor=1', 'constructor', ['theme', 'dark']);
  add('hidden=64,64&batch=0', 'batch=0', ['hidden', [64, 64]]);
  add('view=lab&labC=2&labXi=0', 'labXi=0', ['view', 'lab']);
  add('online=1&gamma=2', 'gamma=2', ['ewcOnline', true]);
  add('ewcOnline=1&learningRate=0', 'learningRate=0', ['ewcOnline', true]);
  add('scenario=class&fisher=guess', 'fisher=guess', ['scenario', 'class']);
  add('samples=100&__proto__=1', '__proto__', ['fisherSamples', 100]);
  add('lr=0.01&learningRate=0.02&batchSize=9999', 'lr=0.01 (given more than once', ['learningRate', 0.02]);
  add('speed=20&toString=1&valueOf=2', 'valueOf', ['speed', 20]);
  // The ellipse lab's own parameters.
  for (const [query, mentions] of [
    ['labTasks=1,2;3&labPreset=custom', 'labTasks=1,2;3'],
    ['labPreset=custom', 'labPreset=custom'],
    ['labTasks=0,0,-1,1,0;1,1,1,1,0&labStart=0,0&labPreset=custom', 'labTasks='],
    ['labTasks=0,0,1,1,0;1,1,1,1,0&labStart=NaN,1&labPreset=custom', 'labStart=NaN,1'],
    ['labStart=1e9,0&labTasks=0,0,1,1,0;1,1,1,1,0&labPreset=custom', 'labStart=1e9,0'],
    ['labFull=2', 'labFull=2'],
    ['labSteps=1e9', 'labSteps=1e9'],
    ['labPreset=paper', 'labPreset=paper'],
  ]) {
    add(query, mentions);
  }
  // The hand-written cases this test replaced (e2e/classroom.spec.ts had them).
  for (const query of [
    'view=garbage',
    'backend=tpu',
    'theme=neon',
    'protocol=cifar',
    'scenario=everything',
    'tasks=0',
    'tasks=11',
    'tasks=3.5',
    'methods=',
    'methods=sgd,sgd',
    'methods=adam',
    'seed=1e99',
    'lr=0',
    'batch=100000',
    'c=-3',
    'xi=0',
    'samples=5',
    'hidden=0,0',
    'hidden=64,64,64,64,64',
    'scene=1000',
  ]) {
    add(query, query);
  }
  add('embed=2&v=99', 'embed=2');
  add('unknownKey=1', 'unknownKey (unknown parameter)');
  return links;
}

const KIND = 'forgetting-playground-settings';
const file = (settings: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ kind: KIND, version: 1, settings, ...extra });

/** Deterministic pseudo-random bytes (no seed needed: any garbage will do, the same each run). */
function garbage(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = 2463534242;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export function badFiles(): BadFile[] {
  const files: BadFile[] = [];
  const refused = (content: string | Buffer) =>
    files.push({ name: `bad-${files.length + 1}.json`, content, expect: 'refused' });
  const partial = (content: string, mentions: string) =>
    files.push({ name: `bad-${files.length + 1}.json`, content, expect: { mentions } });

  // Truncated JSON, cut at ten places.
  const good = file({ seed: 3, c: 2, methods: ['sgd', 'si'], hidden: [64, 64], online: true });
  for (let k = 1; k <= 10; k++) refused(good.slice(0, Math.floor((good.length * k) / 11)));
  // Wrong types for one setting each.
  for (const [key, value, mentions] of [
    ['seed', '3', undefined],
    ['seed', 'three', 'seed=three'],
    ['samples', true, 'samples=1'],
    ['lr', { value: 0.1 }, 'lr=(an object)'],
    ['methods', 'sgd;si', 'methods=sgd;si'],
    ['methods', [['sgd']], 'methods=(a nested list)'],
    ['methods', [1, 2], 'methods=1,2'],
    ['hidden', '64x64', 'hidden=64x64'],
    ['hidden', [64, null], 'hidden=64,'],
    ['online', 'yes', 'online=yes'],
    ['view', 3, 'view=3'],
    ['theme', null, 'theme=null'],
    ['tasks', 2.5, 'tasks=2.5'],
    ['batch', -64, 'batch=-64'],
    ['fisher', ['exact', 'sampled'], 'fisher=exact,sampled'],
    ['protocol', {}, 'protocol=(an object)'],
  ] as const) {
    // A string of a valid number is read like the link's text: "3" is fine, so pair it with a bad one.
    if (mentions === undefined) partial(file({ [key]: value, xi: 'tiny' }), 'xi=tiny');
    else partial(file({ [key]: value }), mentions);
  }
  // Prototype keys, as JSON.parse makes them: own properties named __proto__, constructor…
  partial(`{"kind":"${KIND}","settings":{"__proto__":{"view":"lab"},"seed":2}}`, '__proto__');
  partial(`{"kind":"${KIND}","settings":{"constructor":{"prototype":{"theme":"dark"}}}}`, 'constructor');
  partial(
    `{"kind":"${KIND}","settings":{"toString":"x","valueOf":1,"hasOwnProperty":null}}`,
    'hasOwnProperty',
  );
  partial(`{"kind":"${KIND}","settings":{"online":"__proto__"}}`, 'online=__proto__');
  partial(`{"kind":"${KIND}","settings":{"labFull":"constructor","c":1}}`, 'labFull');
  refused(`{"__proto__":{"kind":"${KIND}","settings":{}}}`);
  refused(`{"constructor":{"prototype":{"kind":"${KIND}"}}}`);
  // Ten megabytes of garbage, and garbage that starts like JSON.
  refused(garbage(10 * 1024 * 1024));
  refused(Buffer.concat([Buffer.from('{"kind":"'), garbage(100_000)]));
  // Arrays and nulls where objects belong.
  refused('[]');
  refused(`[${good}]`);
  partial(file([1, 2, 3]), '0 (unknown parameter)');
  refused('null');
  refused(file(null));
  partial(file({ seed: null, c: null }), 'seed=null');
  // Not a settings file, or an odd one.
  refused('');
  refused('   \n  ');
  refused('{"kind":"forgetting-playground-run","settings":{}}');
  refused('{"settings":{"seed":1}}');
  refused('"forgetting-playground-settings"');
  refused(`{"kind":"${KIND}","settings":"seed=1"}`);
  partial(`\uFEFF${file({ seed: 4, speed: 'fast' })}`, 'speed=fast');
  partial(file({ seed: 4 }, { version: 99 }), 'v=99');
  partial(file({ seed: 1, seed2: 2 }), 'seed2');
  partial(`{"kind":"${KIND}","settings":{"seed":1,"seed":"x"}}`, 'seed=x');
  partial(file({ hidden: `${'['.repeat(50_000)}1${']'.repeat(50_000)}` }), 'hidden=[[[[');
  // Written out: JSON.stringify would recurse this deep.
  partial(
    `{"kind":"${KIND}","settings":{"hidden":${'['.repeat(100_000)}1${']'.repeat(100_000)}}}`,
    'hidden=(a nested list)',
  );
  partial(file({ theme: 'x'.repeat(1_000_000) }), `theme=${'x'.repeat(34)}`);
  partial(file({ c: 1e308 * 10 }), 'c=null');
  partial(file({ 'émoji 🧠': 1, seed: 5 }), 'émoji 🧠');
  partial(file({ view: '<img src=x onerror=alert(1)>' }), 'view=<img src=x onerror=alert(1)>');
  return files;
}
