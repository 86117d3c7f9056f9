import { useCallback, useRef, useState } from 'react';
import { accuracyMatrixCsv, drawAccuracyMatrix } from '../../panels/accuracyMatrix';
import { type CsvExport, exportName } from '../../panels/export';
import { drawForgettingCurves, forgettingCurvesCsv } from '../../panels/forgettingCurves';
import { drawImportanceHistograms, importanceHistogramsCsv } from '../../panels/importanceHistograms';
import type { ImportanceOptions } from '../../panels/importanceOptions';
import { liveNote } from '../../panels/liveNote';
import { drawLossLandscape, lossLandscapeCsv } from '../../panels/lossLandscape';
import { drawOmegaFisher, omegaFisherCsv } from '../../panels/omegaFisher';
import { drawPathIntegral, pathIntegralCsv } from '../../panels/pathIntegral';
import { drawStepHooks, stepHooksCsv } from '../../panels/stepHooks';
import { keepsFrozenCopy, projects } from '../../panels/stepHooksData';
import { drawStrengthSweep } from '../../panels/strengthSweep';
import { strengthSweepCsv } from '../../panels/sweepData';
import { type PanelId, usePanelTab } from '../../store/panelTab';
import { type ResultsState, useResults } from '../../store/results';
import { useSettings } from '../../store/settings';
import { useSynapses } from '../../store/synapses';
import { usePanel } from '../usePanel';
import { ExportMenu } from './ExportMenu';
import { ImportanceControls, LandscapeButton, ZoomToggle } from './PanelOptions';
import { tabsFor } from './panelTabs';
import { ConfusionTask, MapToggles } from './SynapseOptions';
import {
  ConfusionPanel,
  confusionTableCsv,
  GalleryPanel,
  galleryTableCsv,
  MapsPanel,
  mapsTableCsv,
} from './SynapsePanels';

type Draw<E extends Element> = (el: E, s: ResultsState, redraw: () => void) => void;

/** The live-subset note, on the figures that show live accuracies. */
const NOTED: readonly PanelId[] = ['forgetting-curves', 'accuracy-matrix'];

/** The network view's figures behind a tab strip, each with its options, note and exports. */
export function NetworkPanels() {
  const { tab: chosen, setTab } = usePanelTab();
  const sweeping = useSettings((s) => s.sweep !== 'off');
  const hooks = useSettings((s) => s.methods.some((m) => projects(m) || keepsFrozenCopy(m)));
  const tabs = tabsFor(sweeping, hooks);
  // The chosen figure, if this run shows it (a sweep shows only its own); the run's first otherwise.
  const tab = tabs.some((t) => t.id === chosen) ? chosen : tabs[0].id;
  const [options, setOptions] = useState<ImportanceOptions>({
    boundary: -1,
    layer: null,
    method: 'si',
    x: 'fisher',
    y: 'Omega',
  });
  const [confusionTask, setConfusionTask] = useState(0);
  const note = useResults((s) => (NOTED.includes(tab) ? liveNote(s) : null));
  const body = useRef<HTMLDivElement>(null);
  const current = tabs.find((t) => t.id === tab) ?? tabs[0];
  const csv = (): CsvExport[] => {
    const s = useResults.getState();
    switch (tab) {
      case 'forgetting-curves':
        return forgettingCurvesCsv(s);
      case 'accuracy-matrix':
        return accuracyMatrixCsv(s);
      case 'omega-vs-fisher':
        return omegaFisherCsv(s, options);
      case 'importance-distributions':
        return importanceHistogramsCsv(s, options.boundary);
      case 'path-integral':
        return pathIntegralCsv(s);
      case 'loss-landscape':
        return lossLandscapeCsv(s);
      case 'importance-maps':
        return mapsTableCsv(useSynapses.getState());
      case 'digit-gallery':
        return galleryTableCsv(useSynapses.getState());
      case 'confusion-matrix':
        return confusionTableCsv(useSynapses.getState(), confusionTask);
      case 'agem-lwf':
        return stepHooksCsv(s);
      case 'strength-sweep':
        return strengthSweepCsv(s);
    }
  };
  const title = `${current.name}: ${current.caption}${note ? ` (${note})` : ''}`;
  return (
    <figure className="panel network-panels" data-testid="network-panels">
      <div className="panel-head">
        <div role="tablist" aria-label="Figures" className="panel-tabs">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={t.id === tab}
              aria-label={t.name}
              title={`${t.name}: ${t.caption}`}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <ExportMenu
          key={tab}
          figure={() => {
            const svg = body.current?.querySelector('svg');
            return svg ? { svg, canvas: body.current?.querySelector('canvas') ?? null } : null;
          }}
          csv={csv}
          name={(suffix) => exportName(suffix ? `${tab}-${suffix}` : tab, useResults.getState().config)}
          title={title}
        />
      </div>
      <figcaption>
        {(current.short || note) && (
          <span className="caption-text">
            {current.short}
            {note && <span className="caption-note"> · {note}</span>}
          </span>
        )}
        {(tab === 'omega-vs-fisher' || tab === 'importance-distributions') && (
          <ImportanceControls options={options} onChange={setOptions} full={tab === 'omega-vs-fisher'} />
        )}
        {tab === 'forgetting-curves' && <ZoomToggle />}
        {tab === 'loss-landscape' && <LandscapeButton />}
        {tab === 'importance-maps' && <MapToggles />}
        {tab === 'confusion-matrix' && <ConfusionTask task={confusionTask} onChange={setConfusionTask} />}
      </figcaption>
      <div ref={body} className="panel-body" data-panel={tab}>
        {tab === 'forgetting-curves' && <CurvesPanel />}
        {tab === 'accuracy-matrix' && <SvgPanel testId="accuracy-matrix" draw={drawAccuracyMatrix} />}
        {tab === 'omega-vs-fisher' && <OmegaFisherPanel options={options} />}
        {tab === 'importance-distributions' && <HistogramPanel boundary={options.boundary} />}
        {tab === 'path-integral' && <SvgPanel testId="path-integral" draw={drawPathIntegral} />}
        {tab === 'loss-landscape' && <SvgPanel testId="loss-landscape" draw={drawLossLandscape} />}
        {tab === 'importance-maps' && <MapsPanel />}
        {tab === 'digit-gallery' && <GalleryPanel />}
        {tab === 'confusion-matrix' && <ConfusionPanel task={confusionTask} />}
        {tab === 'agem-lwf' && <SvgPanel testId="agem-lwf" draw={drawStepHooks} />}
        {tab === 'strength-sweep' && <SvgPanel testId="strength-sweep" draw={drawStrengthSweep} />}
      </div>
    </figure>
  );
}

function SvgPanel({ testId, draw }: { testId: string; draw: Draw<SVGSVGElement> }) {
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

function CurvesPanel() {
  const zoom = useSettings((s) => s.zoom);
  const draw = useCallback((el: SVGSVGElement, s: ResultsState) => drawForgettingCurves(el, s, zoom), [zoom]);
  return <SvgPanel testId="forgetting-curves" draw={draw} />;
}

function OmegaFisherPanel({ options }: { options: ImportanceOptions }) {
  const draw = useCallback(
    (el: HTMLDivElement, s: ResultsState, redraw: () => void) => drawOmegaFisher(el, s, options, redraw),
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
    (el: SVGSVGElement, s: ResultsState, redraw: () => void) =>
      drawImportanceHistograms(el, s, boundary, redraw),
    [boundary],
  );
  return <SvgPanel testId="importance-distributions" draw={draw} />;
}
