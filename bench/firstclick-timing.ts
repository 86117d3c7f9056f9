/**
 * Times a first-click configuration in headless Chromium (the backend the rule picks): press Start,
 * follow the step counter until the automatic schedule pauses the run. Also reads the CPU time of
 * every browser thread (from /proc), so the worker's compute is known even on a loaded machine.
 *   npx tsx bench/firstclick-timing.ts 'protocol=permuted-mnist&tasks=3&hidden=100,100&epochs=1' [port]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { openSite } from './browser';

const stat = (path: string) => {
  const s = readFileSync(path, 'utf8');
  const name = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'));
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return { name, ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / 100 };
};

/** CPU seconds of each thread of this process's descendants (our browser), keyed "pid/tid name". */
function threadCpu(): Map<string, number> {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      parent.set(Number(d), stat(`/proc/${d}/stat`).ppid);
    } catch {
      // gone
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, n = 0; p > 1 && n < 20; p = parent.get(p) ?? 0, n++) if (p === process.pid) return true;
    return false;
  };
  const out = new Map<string, number>();
  for (const pid of parent.keys()) {
    if (pid === process.pid || !mine(pid)) continue;
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const t = stat(`/proc/${pid}/task/${tid}/stat`);
        out.set(`${pid}/${tid} ${t.name}`, t.cpu);
      }
    } catch {
      // gone
    }
  }
  return out;
}

const query = process.argv[2] ?? '';
const port = Number(process.argv[3] ?? 4500);
const site = await openSite(port);
try {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${site.url}?${query}`);
  const state = () =>
    page.evaluate<{ step: number; task: number; phase: string; backend: string | null }>(
      `(() => { const r = globalThis.__FORGETTING_PLAYGROUND__.results(); const e = r.evaluations.at(-1);
        return { step: e ? e.step : 0, task: e ? e.task : 0, phase: r.phase, backend: r.backend ? r.backend.backend : null }; })()`,
    );
  const cpu0 = threadCpu();
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Start' }).click();
  let firstStepAt = 0;
  let last = '';
  for (;;) {
    await page.waitForTimeout(1000);
    const s = await state();
    const t = (Date.now() - t0) / 1000;
    if (!firstStepAt && s.step > 0) firstStepAt = t;
    const line = `step ${s.step}, task ${s.task + 1}, phase ${s.phase}, backend ${s.backend}`;
    if (line !== last) console.log(`${t.toFixed(0)} s: ${line}`);
    last = line;
    if ((s.phase === 'paused' && s.step > 0) || t > 400) {
      const cpu1 = threadCpu();
      const r = await page.evaluate<{ switches: number[]; accuracy: number[] }>(
        `(() => { const r = globalThis.__FORGETTING_PLAYGROUND__.results(); return { switches: r.switches.map(s => s.step), accuracy: Array.from(r.evaluations.at(-1).accuracy) }; })()`,
      );
      console.log(
        `done: ${s.step} steps; first step seen at ${firstStepAt.toFixed(0)} s, end at ${t.toFixed(0)} s: ` +
          `${(t - firstStepAt).toFixed(0)} s of training (${(s.step / (t - firstStepAt)).toFixed(1)} steps/s); switches at steps ${r.switches.join(', ')}`,
      );
      const used = [...cpu1]
        .map(([k, v]) => [k.split(' ').slice(1).join(' '), v - (cpu0.get(k) ?? 0)] as const)
        .filter(([, v]) => v >= 0.2)
        .sort((a, b) => b[1] - a[1]);
      console.log(
        `CPU seconds by thread, Start to end: ${used.map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ')}`,
      );
      console.log(
        `last subset evaluation (methods × tasks): ${r.accuracy.map((a) => (100 * a).toFixed(0)).join(' ')}`,
      );
      break;
    }
  }
} finally {
  await site.close();
}
