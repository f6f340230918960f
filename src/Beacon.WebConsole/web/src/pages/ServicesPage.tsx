import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import type { NodeStatus } from '../api';
import { HealthBar } from '../components/StatusBadge';
import { plural } from '../format';
import { useServices } from '../hooks';
import { useNamespace } from '../namespace';

export function ServicesPage({ status }: { status?: NodeStatus }) {
  const { namespace } = useNamespace();
  const { list, error } = useServices(namespace);
  const [filter, setFilter] = useState('');
  const services = (list?.services ?? []).filter((s) => s.service.toLowerCase().includes(filter.trim().toLowerCase()));
  const total = list?.services.reduce((n, s) => n + s.instances, 0) ?? 0;
  const up = list?.services.reduce((n, s) => n + s.up, 0) ?? 0;
  const g = status?.selfPreservation;

  return (
    <div class="page">
      <div class="stats">
        <Stat label="Services" value={list ? list.services.length : '–'} hint={`in ${namespace}`} />
        <Stat label="Instances" value={list ? total : '–'} hint={list ? `${up} up and healthy` : ''} tone={list && up < total ? 'warn' : undefined} />
        <Stat label="Renewals / min" value={g ? g.actualRenewalsPerMinute.toFixed(0) : '–'} hint={g ? `of ${g.expectedRenewalsPerMinute.toFixed(0)} expected` : ''} />
        <Stat
          label="Self-preservation"
          value={!g ? '–' : !g.enabled ? 'Disabled' : g.active ? 'Active' : g.warmingUp ? 'Warming up' : 'Off'}
          hint={g?.active ? 'eviction suspended' : status ? `${plural(status.evictions, 'eviction')} since start` : ''}
          tone={g?.active ? 'bad' : undefined}
        />
      </div>

      <section class="card">
        <div class="card-head">
          <h1>Services</h1>
          <input class="search" type="search" placeholder="Filter services" value={filter}
            onInput={(e) => setFilter((e.target as HTMLInputElement).value)} aria-label="Filter services" />
        </div>
        {error && <p class="banner banner-bad">{error}</p>}
        {!list ? (
          <p class="empty">Loading…</p>
        ) : list.services.length === 0 ? (
          <div class="empty">
            <p><b>No services in namespace “{namespace}” yet.</b></p>
            <p class="muted">They appear here the moment an instance registers, for example:</p>
            <pre>{`curl -X PUT ${location.origin}/v1/services/orders/instances/orders-1${namespace === 'default' ? '' : `?namespace=${namespace}`} \\\n     -H 'content-type: application/json' -d '{"addresses":["http://10.0.0.5:8080"]}'`}</pre>
          </div>
        ) : (
          <table class="table services">
            <thead>
              <tr><th>Service</th><th>Health</th><th class="num">Instances</th><th class="num">Revision</th></tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.service}>
                  <td><Link href={`/services/${encodeURIComponent(s.service)}`} class="service-link">{s.service}</Link></td>
                  <td><HealthBar up={s.up} total={s.instances} /></td>
                  <td class="num">{s.instances}</td>
                  <td class="num mono muted">{s.revision}</td>
                </tr>
              ))}
              {services.length === 0 && (
                <tr><td colSpan={4} class="empty">No service matches “{filter}”.</td></tr>
              )}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function Stat({ label, value, hint, tone }: { label: string; value: string | number; hint?: string; tone?: 'warn' | 'bad' }) {
  return (
    <div class={`stat ${tone ? `stat-${tone}` : ''}`}>
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
      <div class="stat-hint">{hint}</div>
    </div>
  );
}
