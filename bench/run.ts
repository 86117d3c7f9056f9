/**
 * `npm run bench`: every benchmark but the soak, in Node and in headless Chromium; `npm run bench --
 * soak [--minutes N]` runs the soak. Figures are printed, not
 * asserted: speed targets live here, never in timed tests. The browser parts need `vite build`
 * (the npm script does it first).
 */
import { main as engine } from './engine.bench';
import { main as fused } from './fused.bench';
import { main as lab } from './lab.bench';
import { main as labDrag } from './lab-drag.bench';
import { main as live, threads } from './live.bench';
import { parseSoakArgs, main as soak } from './soak.bench';

const { names: only, options } = parseSoakArgs(process.argv.slice(2).filter((a) => a !== '--'));
// The soak lasts a lecture (30 minutes): it runs only when named.
const benches = {
  engine,
  fused,
  lab,
  'lab-drag': labDrag,
  live,
  threads: () => threads(),
  soak: () => soak(options),
};
for (const [name, run] of Object.entries(benches)) {
  // `threads` is part of `live`; alone, it is the smaller measurement.
  if (only.length > 0 ? !only.includes(name) : name === 'soak' || name === 'threads') continue;
  console.log(`\n── ${name} ──`);
  await run();
}
