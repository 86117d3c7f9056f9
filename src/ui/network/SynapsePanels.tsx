/** The synapse figures' frames: React owns the SVG, D3 draws inside it from the synapse store. */
import { useCallback, useEffect, useState } from 'react';
import { confusionCsv, drawConfusion } from '../../panels/confusionMatrix';
import { drawGallery, galleryCsv } from '../../panels/gallery';
import { drawPixelMaps, pixelMapsCsv } from '../../panels/pixelMaps';
import { useSettings } from '../../store/settings';
import { type SynapseState, useSynapses } from '../../store/synapses';
import { usePanel } from '../usePanel';

function SynapseSvg({
  testId,
  label,
  draw,
}: {
  testId: string;
  label: string;
  draw: (el: SVGSVGElement, s: SynapseState) => void;
}) {
  const ref = usePanel(useSynapses, draw);
  return <svg ref={ref} className="panel-svg" data-testid={testId} role="img" aria-label={label} />;
}

const mapOptions = () => {
  const { mapLog, unscramble } = useSettings.getState();
  return { log: mapLog, unscramble };
};

export function MapsPanel() {
  const log = useSettings((s) => s.mapLog);
  const unscramble = useSettings((s) => s.unscramble);
  const draw = useCallback(
    (el: SVGSVGElement, s: SynapseState) => drawPixelMaps(el, s, { log, unscramble }),
    [log, unscramble],
  );
  return <SynapseSvg testId="importance-maps" label="importance maps over the pixels" draw={draw} />;
}

export const mapsTableCsv = (s: SynapseState) => pixelMapsCsv(s, mapOptions());

export function GalleryPanel() {
  const [selected, select] = useState<number | null>(null);
  const draw = useCallback(
    (el: SVGSVGElement, s: SynapseState) => drawGallery(el, s, { selected, select }),
    [selected],
  );
  // Escape closes the open distributions, wherever the focus is.
  useEffect(() => {
    if (selected === null) return;
    const close = (e: KeyboardEvent) => {
      if (e.key === 'Escape') select(null);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [selected]);
  // Not an image: its digits are buttons, each with its own name.
  const ref = usePanel(useSynapses, draw);
  return <svg ref={ref} className="panel-svg" data-testid="digit-gallery" />;
}

export const galleryTableCsv = galleryCsv;

export function ConfusionPanel({ task }: { task: number }) {
  const draw = useCallback((el: SVGSVGElement, s: SynapseState) => drawConfusion(el, s, task), [task]);
  return <SynapseSvg testId="confusion-matrix" label="confusion matrices" draw={draw} />;
}

export const confusionTableCsv = confusionCsv;
