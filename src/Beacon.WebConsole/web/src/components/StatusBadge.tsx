import type { InstanceInfo } from '../api';
import { statusLabel } from '../format';

/** The effective status, coloured; a pin marks an operator's override. */
export function StatusBadge({ instance }: { instance: InstanceInfo }) {
  const overridden = instance.statusOverride !== undefined && instance.statusOverride !== null;
  return (
    <span
      class={`badge status-${instance.status.toLowerCase()}`}
      title={overridden ? `Set by an operator; the instance reports ${instance.reportedStatus}` : 'As the instance reports it'}
    >
      <span class="dot" />
      {statusLabel[instance.status]}
      {overridden && <span class="pin" aria-label="operator override">operator</span>}
    </span>
  );
}

export function HealthBar({ up, total }: { up: number; total: number }) {
  const share = total === 0 ? 0 : up / total;
  const tone = total === 0 ? 'none' : share === 1 ? 'good' : share === 0 ? 'bad' : 'warn';
  return (
    <div class="health" title={`${up} of ${total} up and healthy`}>
      <div class={`health-bar tone-${tone}`}><span style={{ width: `${share * 100}%` }} /></div>
      <span class="health-text">{up}/{total}</span>
    </div>
  );
}
