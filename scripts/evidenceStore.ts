/**
 * The evidence files under docs/evidence/ (src/engine/evidence.ts): one JSON file per option set,
 * found by its stored options (not its name), written whole after every seed so an interrupted
 * 20-seed run loses at most the seed it was on.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MethodMatrix } from '../src/engine/claims';
import type { MnistData } from '../src/engine/data/mnistAsset';
import {
  type Evidence,
  type EvidenceKey,
  emptyEvidence,
  evidenceFileName,
  evidenceKey,
  laneNames,
  missingLanes,
  sameKey,
  seedMatrices,
  withResults,
} from '../src/engine/evidence';
import { type ExperimentOptions, type ExperimentResult, runExperiment } from '../src/engine/experiment';

export const EVIDENCE_DIR = fileURLToPath(new URL('../docs/evidence/', import.meta.url));

/** The evidence stored for these options (seed and methods aside), with its file; null when there is none. */
export function findEvidence(
  options: ExperimentOptions,
  dir = EVIDENCE_DIR,
): { path: string; evidence: Evidence } | null {
  const key = evidenceKey(options);
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return null; // no evidence directory yet
  }
  for (const name of names) {
    const path = join(dir, name);
    const evidence = readAt(path, key);
    if (evidence) return { path, evidence };
  }
  return null;
}

/** The evidence in one file if it is there and stored under these options. */
function readAt(path: string, key: EvidenceKey): Evidence | null {
  if (!existsSync(path)) return null;
  const evidence = JSON.parse(readFileSync(path, 'utf8')) as Evidence;
  return sameKey(evidence.options, key) ? evidence : null;
}

/** Writes the whole file, then renames it into place: an interrupt leaves the old file or the new one. */
function writeEvidence(path: string, evidence: Evidence): void {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(evidence)}\n`);
  renameSync(partial, path);
}

/** One seed of a run: its matrices in the run's lane order, and the fresh result when it was trained now. */
export interface SeedRun {
  readonly seed: number;
  readonly matrices: MethodMatrix[];
  readonly fresh: ExperimentResult | null;
}

/**
 * Runs the seeds the evidence lacks and stores them, seed by seed; seeds (and, outside a sweep,
 * methods) already stored for the same options are read instead of re-run. The methods of one
 * lockstep do not interact, so a method trained now joins those stored by an earlier invocation.
 */
export async function* runWithEvidence(
  data: MnistData,
  options: ExperimentOptions,
  seeds: readonly number[],
  onTaskDone?: (task: number, seconds: number) => void,
  dir = EVIDENCE_DIR,
): AsyncGenerator<SeedRun & { path: string }> {
  const found = findEvidence(options, dir);
  let evidence = found?.evidence ?? emptyEvidence(options);
  const path = found?.path ?? join(dir, evidenceFileName(evidence.options));
  const names = laneNames(options);
  for (const seed of seeds) {
    const missing = missingLanes(evidence, seed, names);
    if (missing.length > 0) {
      // A sweep's lanes are one run; a run of methods trains only the methods missing.
      const methods = options.lanes ? options.methods : options.methods.filter((m) => missing.includes(m));
      const fresh = await runExperiment(data, { ...options, methods, seed }, onTaskDone);
      const freshNames = options.lanes ? names : methods;
      // Onto the file as it is now: another command may have stored other methods meanwhile.
      evidence = withResults(readAt(path, evidence.options) ?? evidence, seed, freshNames, fresh.methods);
      mkdirSync(dir, { recursive: true });
      writeEvidence(path, evidence);
      yield { seed, path, fresh, matrices: seedMatrices(evidence, seed, options)! };
    } else yield { seed, path, fresh: null, matrices: seedMatrices(evidence, seed, options)! };
  }
}
