import { useMemo } from 'react';
import { checkClaimOnEachSeed, runsBySeed } from '../../engine/claimSeeds';
import { type Claim, describeClaim, type MethodMatrix } from '../../engine/claims';
import { sweptParam } from '../../engine/sweep';
import { checkSweepClaim, describeSweepClaim, type SweepResult } from '../../engine/sweepClaims';
import { type ClaimCount, sceneClaimCount } from '../../lesson/claimCounts';
import { describeLabClaim } from '../../lesson/labClaims';
import type { Scene } from '../../lesson/sceneTypes';
import { finishedRuns } from '../../panels/matrixData';
import { useResults } from '../../store/results';
import { sweepView } from '../../store/sweepView';

/**
 * The finished run's matrices seed by seed (null while it runs; one seed unless its lanes are seeds),
 * recomputed only when the run's record changes.
 */
function usePageRuns(): MethodMatrix[][] | null {
  const config = useResults((r) => r.config);
  const switches = useResults((r) => r.switches);
  const evaluations = useResults((r) => r.evaluations);
  const taskNames = useResults((r) => r.taskNames);
  return useMemo(() => {
    const runs = finishedRuns({ config, switches, evaluations, taskNames });
    return runs && config ? runsBySeed(runs, config.lanes, config.seed) : null;
  }, [config, switches, evaluations, taskNames]);
}

/** The page's sweep once its last task is measured (null before, or when the run is no sweep). */
function usePageSweep(): SweepResult | null {
  const config = useResults((r) => r.config);
  const evaluations = useResults((r) => r.evaluations);
  const taskNames = useResults((r) => r.taskNames);
  return useMemo(() => {
    const view = sweepView({ config, evaluations, taskNames });
    return view?.final ? view : null;
  }, [config, evaluations, taskNames]);
}

const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toFixed(1))) : '–');

/** On how many seeds the headless benchmark saw a claim hold (`npm run evidence`), in words. */
const seedsText = (c: ClaimCount, atLeast = false, verb = 'holds on') =>
  `${verb} ${atLeast ? '≥ ' : ''}${c.held}/${c.seeds} seeds`;

/** What a claim's parenthesis says: this run's numbers and the benchmark's count, each when known. */
function aside(here: string | undefined, count: ClaimCount | undefined): string {
  const parts = [here === undefined ? null : `here ${here}`, count ? seedsText(count) : null].filter(Boolean);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** One claim, with what this page's run measured once it has finished (✓ or ✗). */
function ClaimItem({
  claim,
  runs,
  count,
}: {
  claim: Claim;
  runs: MethodMatrix[][] | null;
  count: ClaimCount | undefined;
}) {
  const outcome = useMemo(() => {
    if (!runs) return null;
    try {
      const o = checkClaimOnEachSeed(claim, runs);
      // The page has no path integral of the last task: such a claim is checked by the tests only.
      return o.values.some((v) => !Number.isFinite(v)) ? null : o;
    } catch {
      return null; // a method the claim needs is not in this run (the settings were changed)
    }
  }, [claim, runs]);
  return (
    <li data-holds={outcome ? String(outcome.holds) : undefined}>
      {outcome && (
        <>
          <span aria-hidden="true">{outcome.holds ? '✓ ' : '✗ '}</span>
          <span className="visually-hidden">{outcome.holds ? 'Holds: ' : 'Does not hold: '}</span>
        </>
      )}
      {describeClaim(claim)}
      {aside(outcome?.values.map(fmt).join(', '), count)}
    </li>
  );
}

/** Tall screens show the claims open; at 1280×720 they fold into one line, so the figure keeps its room. */
const openByDefault = () => typeof window !== 'undefined' && window.innerHeight >= 900;

/** What the scene claims, as the tests check it; on a network scene, checked on this page's run too. */
export function SceneClaims({ scene }: { scene: Scene }) {
  const runs = usePageRuns();
  const sweep = usePageSweep();
  const claims = scene.claims ?? [];
  const lab = scene.labClaims ?? [];
  const sweepClaims = scene.sweepClaims ?? [];
  const swept = scene.run?.sweep;
  const symbol = (swept && swept !== 'off' && sweptParam(swept)?.symbol) || 'strength';
  const count = claims.length + lab.length + sweepClaims.length;
  const failing = useMemo(() => {
    if (sweepClaims.length > 0)
      return sweep ? sweepClaims.filter((c) => !checkSweepClaim(c, sweep).holds).length : null;
    return runs
      ? claims.filter((c) => {
          try {
            return !checkClaimOnEachSeed(c, runs).holds;
          } catch {
            return false;
          }
        }).length
      : null;
  }, [claims, runs, sweepClaims, sweep]);
  if (count === 0) return null;
  const countOf = (text: string) => sceneClaimCount(scene.id, text);
  const counted = [
    ...claims.map((c) => countOf(describeClaim(c))),
    ...sweepClaims.map((c) => countOf(describeSweepClaim(c, symbol))),
  ];
  // Folded (1280×720), the line still says how sure the claims are: the weakest count decides.
  const weakest = counted.every((c) => c !== undefined)
    ? counted.reduce<ClaimCount | undefined>(
        (w, c) => (!w || c.held / c.seeds < w.held / w.seeds ? c : w),
        undefined,
      )
    : undefined;
  // A run of several seeds (seeds as lanes) is checked on each: a claim holds only if it holds on every one.
  const seeds = runs && runs.length > 1 && sweepClaims.length === 0 ? runs.length : 1;
  const verdict =
    failing === null
      ? ''
      : failing === 0
        ? ` ✓ all hold${seeds > 1 ? ` on each of ${seeds} seeds` : ''} in this run`
        : ` ✗ ${failing} of ${claims.length + sweepClaims.length} fail in this run${seeds > 1 ? ` (each checked on all ${seeds} seeds)` : ''}`;
  return (
    <details className="lesson-claims" data-testid="lesson-claims" open={openByDefault()}>
      <summary>
        <span className="lesson-claims-head">
          {count} tested claim{count > 1 ? 's' : ''}:
        </span>
        {verdict}
        {weakest && (
          <span className="lesson-claims-seeds">
            {verdict ? ' · ' : ' '}
            {/* Short, so the folded line fits one row at 1280×720 projector. */}
            {seedsText(weakest, counted.length > 1, counted.length > 1 ? 'each on' : 'on')}
          </span>
        )}
      </summary>
      <ul>
        {claims.map((c) => (
          <ClaimItem key={describeClaim(c)} claim={c} runs={runs} count={countOf(describeClaim(c))} />
        ))}
        {lab.map((c) => (
          <li key={describeLabClaim(c)}>{describeLabClaim(c)}</li>
        ))}
        {sweepClaims.map((c) => {
          const o = sweep ? checkSweepClaim(c, sweep) : null;
          const text = describeSweepClaim(c, symbol);
          return (
            <li key={text} data-holds={o ? String(o.holds) : undefined}>
              {o && (
                <>
                  <span aria-hidden="true">{o.holds ? '✓ ' : '✗ '}</span>
                  <span className="visually-hidden">{o.holds ? 'Holds: ' : 'Does not hold: '}</span>
                </>
              )}
              {text}
              {aside(o ? fmt(o.value) : undefined, countOf(text))}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
