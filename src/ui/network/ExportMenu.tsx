import { useRef, useState } from 'react';
import {
  type CsvExport,
  downloadCsv,
  downloadPng,
  downloadSvg,
  estimateCsvBytes,
  formatBytes,
} from '../../panels/export';

/**
 * The figure's exports in one compact menu (so every tab stays visible beside it): the figure as
 * SVG and PNG with its title, and each of its tables as its own CSV, with rows and size stated
 * before anything is built or downloaded.
 */
export function ExportMenu({
  figure,
  csv,
  name,
  title,
}: {
  figure: () => { svg: SVGSVGElement; canvas: HTMLCanvasElement | null } | null;
  csv: () => CsvExport[];
  /** The file name (no extension) for the figure, or for one of its tables by its suffix. */
  name: (suffix?: string) => string;
  title: string;
}) {
  const [tables, setTables] = useState<{ e: CsvExport; bytes: number }[] | null>(null);
  const ref = useRef<HTMLDetailsElement>(null);
  // A chosen entry closes the menu, as any menu does.
  const close = () => {
    if (ref.current) ref.current.open = false;
  };
  return (
    <details
      ref={ref}
      className="share-menu export-menu"
      data-testid="export-menu"
      onToggle={(ev) =>
        setTables(ev.currentTarget.open ? csv().map((e) => ({ e, bytes: estimateCsvBytes(e) })) : null)
      }
    >
      <summary>Export</summary>
      {tables && (
        <div className="menu">
          <button
            type="button"
            onClick={() => {
              const f = figure();
              if (f) downloadSvg(f.svg, f.canvas, name(), title);
              close();
            }}
          >
            SVG (the figure, with its title)
          </button>
          <button
            type="button"
            onClick={() => {
              const f = figure();
              if (f) void downloadPng(f.svg, f.canvas, name(), title);
              close();
            }}
          >
            PNG (twice the screen size)
          </button>
          {tables.map(({ e, bytes }) => (
            <button
              key={e.suffix || 'csv'}
              type="button"
              onClick={() => {
                downloadCsv(e.rows(), name(e.suffix));
                close();
              }}
            >
              CSV: {e.label} · {e.rowCount.toLocaleString('en-US')} rows · {formatBytes(bytes)}
            </button>
          ))}
        </div>
      )}
    </details>
  );
}
