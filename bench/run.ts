/**
 * `npm run bench`: every benchmark, in Node and in headless Chromium. Figures are printed, not
 * asserted: speed targets live here, never in timed tests. The browser parts need `vite build`
 * (the npm script does it first).
 */
import { main as engine } from './engine.bench';
import { main as lab } from './lab.bench';
import { main as labDrag } from './lab-drag.bench';
import { main as live } from './live.bench';

const only = process.argv.slice(2).filter((a) => a !== '--');
const benches = { engine, lab, 'lab-drag': labDrag, live };
for (const [name, run] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n── ${name} ──`);
  await run();
}
