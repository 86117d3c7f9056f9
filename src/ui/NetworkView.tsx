import { AccuracyTable } from './network/AccuracyTable';
import { NetworkPanels } from './network/NetworkPanels';
import { RunSettings } from './network/RunSettings';
import { Transport } from './network/Transport';
import { PhoneDrawer } from './PhoneDrawer';
import './network/network.css';

export function NetworkView() {
  return (
    <section className="network-view">
      <PhoneDrawer label="Run settings">
        <RunSettings />
      </PhoneDrawer>
      <div className="network-main">
        <Transport />
        <AccuracyTable />
        <NetworkPanels />
      </div>
    </section>
  );
}
