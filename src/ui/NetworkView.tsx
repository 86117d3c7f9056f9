import { AccuracyTable } from './network/AccuracyTable';
import { NetworkPanels } from './network/NetworkPanels';
import { RunSettings } from './network/RunSettings';
import { Transport } from './network/Transport';
import './network/network.css';

export function NetworkView() {
  return (
    <section className="network-view">
      <RunSettings />
      <div className="network-main">
        <Transport />
        <AccuracyTable />
        <NetworkPanels />
      </div>
    </section>
  );
}
