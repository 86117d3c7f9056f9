import { type ReactNode, useCallback, useRef, useState } from 'react';
import { METHOD_LABELS, type MethodId } from '../../engine/methodIds';
import { accuracyMatrixCsv, drawAccuracyMatrix } from '../../panels/accuracyMatrix';
import { downloadCsv, downloadPng, downloadSvg, exportName } from '../../panels/export';
import { drawForgettingCurves, forgettingCurvesCsv } from '../../panels/forgettingCurves';
import { consolidatedBoundaries, type SiQuantity } from '../../panels/importanceData';
import { drawImportanceHistograms, importanceHistogramsCsv } from '../../panels/importanceHistograms';
import { type ImportanceOptions, QUANTITY_LABELS } from '../../panels/importanceOptions';
import { drawLossLandscape, lossLandscapeCsv } from '../../panels/lossLandscape';
import { drawOmegaFisher, omegaFisherCsv } from '../../panels/omegaFisher';
import { drawPathIntegral, pathIntegralCsv } from '../../panels/pathIntegral';
import { type ResultsState, useResults } from '../../store/results';
import { session } from '../../store/session';
import { usePanel } from '../usePanel';
import { type PanelId, usePanelTab } from './panelTab';

/**
 * The network view's figures, one at a time behind a tab strip. At 1280×720 the space left beside
 * the run settings is about 930×450 px; two figures side by side would each be too small to read
 * from the back of a room, so each gets the whole area (the live accuracy table above stays).
 */
const TABS: { id: PanelId; label: string; caption: string }[] = [
  {
    id: 'forgetting-curves',
    label: 'Forgetting curves',
    caption: 'Test accuracy on each task while the tasks follow one another',
  },
  {
    id: 'accuracy-matrix',
    label: 'Accuracy matrix',
    caption: 'R: accuracy on task j (column) after training task i (row), with average accuracy, BWT and FWT',
  },
  {
    id: 'omega-vs-fisher',
    label: 'ω vs Fisher',
    caption: 'SI’s per-parameter importance against the diagonal Fisher of the same parameters',
  },
  {
    id: 'importance-distributions',
    label: 'Importances',
    caption: 'Distributions of SI’s Ω and EWC’s F per layer: long-tailed, roughly log-normal',
  },
  {
    id: 'path-integral',
    label: 'Path integral',
    caption: 'Sanity check: −Σω against the actual loss change of each task',
  },
  {
    id: 'loss-landscape',
    label: 'Loss landscape',
    caption: 'L_A and L_B of the real network on a plane of weight space, with each method’s path',
  },
];

type Csv = (s: ResultsState) => (string | number)[][];
/** One empty list for every read before the first run: a fresh `[]` each time would never settle (React #185). */
const NO_METHODS: MethodId[] = [];

export function NetworkPanels() {
  const { tab, setTab } = usePanelTab();
  const [options, setOptions] = useState<ImportanceOptions>({
    boundary: -1,
    layer: null,
    method: 'si',
    quantity: 'Omega',
  });
  const body = useRef<HTMLDivElement>(null);
  const current = TABS.find((t) => t.id === tab) ?? TABS[0];
  const csv: Record<PanelId, Csv> = {
    'forgetting-curves': forgettingCurvesCsv,
    'accuracy-matrix': accuracyMatrixCsv,
    'omega-vs-fisher': (s) => omegaFisherCsv(s, options),
    'importance-distributions': (s) => importanceHistogramsCsv(s, options.boundary),
    'path-integral': pathIntegralCsv,
    'loss-landscape': lossLandscapeCsv,
  };
  const name = () => exportName(tab, useResults.getState().config);
  const layers = () => {
    const svg = body.current?.querySelector('svg');
    return svg ? { svg, canvas: body.current?.querySelector('canvas') ?? null } : null;
  };
  return (
    <figure className="panel network-panels" data-testid="network-panels">
      <div className="panel-head">
        <div role="tablist" aria-label="Figures" className="panel-tabs">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={t.id === tab}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div className="panel-export" role="toolbar" aria-label="Export">
          <button
            type="button"
            onClick={() => {
              const l = layers();
              if (l) downloadSvg(l.svg, l.canvas, name());
            }}
          >
            SVG
          </button>
          <button
            type="button"
            onClick={() => {
              const l = layers();
              if (l) void downloadPng(l.svg, l.canvas, name());
            }}
          >
            PNG
          </button>
          <button type="button" onClick={() => downloadCsv(csv[tab](useResults.getState()), name())}>
            CSV
          </button>
        </div>
      </div>
      <figcaption>
        {current.caption}
        {(tab === 'omega-vs-fisher' || tab === 'importance-distributions') && (
          <ImportanceControls options={options} onChange={setOptions} full={tab === 'omega-vs-fisher'} />
        )}
        {tab === 'loss-landscape' && <LandscapeButton />}
      </figcaption>
      <div ref={body} className="panel-body" data-panel={tab}>
        {tab === 'forgetting-curves' && <SvgPanel testId="forgetting-curves" draw={drawForgettingCurves} />}
        {tab === 'accuracy-matrix' && <SvgPanel testId="accuracy-matrix" draw={drawAccuracyMatrix} />}
        {tab === 'omega-vs-fisher' && <OmegaFisherPanel options={options} />}
        {tab === 'importance-distributions' && <HistogramPanel boundary={options.boundary} />}
        {tab === 'path-integral' && <SvgPanel testId="path-integral" draw={drawPathIntegral} />}
        {tab === 'loss-landscape' && <SvgPanel testId="loss-landscape" draw={drawLossLandscape} />}
      </div>
    </figure>
  );
}

function SvgPanel({ testId, draw }: { testId: string; draw: (el: SVGSVGElement, s: ResultsState) => void }) {
  const ref = usePanel(useResults, draw);
  return (
    <svg
      ref={ref}
      className="panel-svg"
      data-testid={testId}
      role="img"
      aria-label={testId.replaceAll('-', ' ')}
    />
  );
}

function OmegaFisherPanel({ options }: { options: ImportanceOptions }) {
  const draw = useCallback(
    (el: HTMLDivElement, s: ResultsState) => drawOmegaFisher(el, s, options),
    [options],
  );
  const ref = usePanel(useResults, draw);
  return (
    <div
      ref={ref}
      className="scatter-box"
      data-testid="omega-vs-fisher"
      role="img"
      aria-label="omega versus Fisher"
    />
  );
}

function HistogramPanel({ boundary }: { boundary: number }) {
  const draw = useCallback(
    (el: SVGSVGElement, s: ResultsState) => drawImportanceHistograms(el, s, boundary),
    [boundary],
  );
  return <SvgPanel testId="importance-distributions" draw={draw} />;
}

function Select({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: ReactNode;
}) {
  return (
    <label className="panel-option">
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </label>
  );
}

/** Which boundary (and, for the scatter, which layer, method and SI quantity) the importance panels show. */
function ImportanceControls({
  options,
  onChange,
  full,
}: {
  options: ImportanceOptions;
  onChange: (o: ImportanceOptions) => void;
  full: boolean;
}) {
  const switches = useResults((s) => s.switches);
  const methods = useResults((s) => s.config?.methods ?? NO_METHODS);
  const boundaries = consolidatedBoundaries(switches);
  const layerNames = boundaries.at(-1)?.sw.boundary?.[0]?.layers.map((l) => l.layer) ?? [];
  const set = (patch: Partial<ImportanceOptions>) => onChange({ ...options, ...patch });
  return (
    <span className="panel-options">
      <Select
        label="Boundary"
        value={String(options.boundary)}
        onChange={(v) => set({ boundary: Number(v) })}
      >
        <option value="-1">latest</option>
        {boundaries.map(({ sw }, k) => (
          <option key={sw.step} value={k}>
            end of task {sw.from + 1} (step {sw.step}){sw.released ? ' — values let go' : ''}
          </option>
        ))}
      </Select>
      {full && (
        <>
          <Select label="Layer" value={options.layer ?? ''} onChange={(v) => set({ layer: v || null })}>
            <option value="">all</option>
            {layerNames.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </Select>
          <Select label="Weights of" value={options.method} onChange={(v) => set({ method: v as MethodId })}>
            {methods.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </Select>
          <Select
            label="SI measure"
            value={options.quantity}
            onChange={(v) => set({ quantity: v as SiQuantity })}
          >
            {(Object.keys(QUANTITY_LABELS) as SiQuantity[]).map((q) => (
              <option key={q} value={q}>
                {QUANTITY_LABELS[q]}
              </option>
            ))}
          </Select>
        </>
      )}
    </span>
  );
}

function LandscapeButton() {
  const ready = useResults((s) => consolidatedBoundaries(s.switches).length >= 2);
  const progress = useResults((s) => s.landscapeProgress);
  return (
    <span className="panel-options">
      <button type="button" disabled={!ready || progress !== null} onClick={() => session.landscape()}>
        Compute landscape
      </button>
      {progress && <progress max={progress.total} value={progress.done} aria-label="Landscape progress" />}
    </span>
  );
}
