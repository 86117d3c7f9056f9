import { useRef, useState } from 'react';
import { download, downloadCsv, exportName } from '../panels/export';
import { useResults } from '../store/results';
import { readSettingsFile, runCsvRows, runJson, settingsFile } from '../store/runExport';
import { useSettings } from '../store/settings';
import { shorten, urlSettingsOf } from '../store/urlParams';

/** Copy link, the run's data as JSON or CSV, and a settings file to save and load back. */
export function ShareMenu() {
  const [status, setStatus] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const settings = () => urlSettingsOf(useSettings.getState());
  const name = (what: string) => exportName(what, useResults.getState().config);

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setStatus('Link copied.');
    } catch {
      // Clipboard refused (no permission, insecure context): show the link to copy by hand.
      window.prompt('Copy this link:', location.href);
    }
  };

  const load = async (file: File) => {
    const name = shorten(file.name);
    let text: string;
    try {
      text = await file.text();
    } catch {
      setStatus(`${name} could not be read; nothing was changed.`);
      return;
    }
    try {
      const { settings: loaded, ignored } = readSettingsFile(text);
      useSettings.setState({ ...loaded, ignoredParams: ignored, ignoredFrom: file.name });
      setStatus(`Loaded ${name}${ignored.length ? ', with some settings ignored (see the notice)' : ''}.`);
    } catch (err) {
      // readSettingsFile's own messages say what is wrong with the file.
      setStatus(`${name}: ${err instanceof Error ? err.message : String(err)} Nothing was changed.`);
    }
  };

  return (
    <details className="share-menu">
      <summary>Share &amp; export</summary>
      <div className="menu">
        <button type="button" onClick={copyLink} title="The link holds every setting: it reproduces this run">
          Copy link
        </button>
        <button
          type="button"
          onClick={() =>
            download(
              new Blob([runJson(useResults.getState(), settings())], { type: 'application/json' }),
              `${name('run')}.json`,
            )
          }
        >
          Run data (JSON)
        </button>
        <button type="button" onClick={() => downloadCsv(runCsvRows(useResults.getState()), name('run'))}>
          Run data (CSV)
        </button>
        <button
          type="button"
          onClick={() =>
            download(
              new Blob([settingsFile(settings())], { type: 'application/json' }),
              `${name('settings')}.json`,
            )
          }
        >
          Save settings
        </button>
        <button type="button" onClick={() => fileRef.current?.click()}>
          Load settings…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="load-settings"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void load(file);
            e.target.value = '';
          }}
        />
        <output aria-live="polite">{status}</output>
      </div>
    </details>
  );
}
