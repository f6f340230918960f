import type { NodeStatus } from '../api';

/** Expected vs actual renewals with the threshold marked, and what the state means. */
export function SelfPreservation({ status }: { status: NodeStatus }) {
  const g = status.selfPreservation;
  const scale = Math.max(g.expectedRenewalsPerMinute, g.actualRenewalsPerMinute, 1);
  const state = !g.enabled ? ['Disabled', 'none', 'Eviction never pauses.']
    : g.active ? ['Active', 'bad', 'Too few renewals arrive, so eviction is suspended: dead instances stay listed until renewals recover.']
    : g.warmingUp ? ['Warming up', 'warn', 'The renewal rate is not judged in the first minute after start.']
    : ['Off', 'good', 'Renewals arrive as expected; expired instances are evicted.'];
  return (
    <section class="card" aria-label="Self-preservation">
      <div class="card-head">
        <h2>Self-preservation</h2>
        <span class={`pill pill-${state[1]}`}>{state[0]}</span>
      </div>
      <p class="muted">{state[2]}</p>
      <div class="meter" title={`Threshold ${Math.round(g.threshold * 100)} % of expected`}>
        <div class="meter-row">
          <span>Expected</span>
          <div class="meter-track"><span class="meter-fill expected" style={{ width: `${(g.expectedRenewalsPerMinute / scale) * 100}%` }} /></div>
          <b>{g.expectedRenewalsPerMinute.toFixed(1)}/min</b>
        </div>
        <div class="meter-row">
          <span>Actual</span>
          <div class="meter-track">
            <span class={`meter-fill ${g.active ? 'bad' : 'actual'}`} style={{ width: `${(g.actualRenewalsPerMinute / scale) * 100}%` }} />
            <i class="threshold" style={{ left: `${((g.expectedRenewalsPerMinute * g.threshold) / scale) * 100}%` }} />
          </div>
          <b>{g.actualRenewalsPerMinute.toFixed(1)}/min</b>
        </div>
      </div>
      <p class="muted small">Threshold {Math.round(g.threshold * 100)} % of expected · {status.evictions} evicted since start</p>
    </section>
  );
}
