import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, type InstanceInfo, type InstanceStatus } from '../api';
import { ConfirmDialog, WeightDialog } from '../components/Dialogs';
import { StatusBadge } from '../components/StatusBadge';
import { useNotify } from '../components/Toasts';
import { ago, statusLabel } from '../format';
import { useNow, useServiceWatch } from '../hooks';
import { useNamespace } from '../namespace';

type Pending = { kind: 'weight' | 'deregister'; instance: InstanceInfo } | null;

export function ServicePage({ name }: { name: string }) {
  const { namespace } = useNamespace();
  const { instances, live, loaded, flashes } = useServiceWatch(namespace, name);
  const now = useNow();
  const notify = useNotify();
  const [pending, setPending] = useState<Pending>(null);

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      notify(done);
    } catch (e) {
      notify((e as Error).message, 'error');
      throw e;
    }
  };

  const counts = instances.reduce<Record<InstanceStatus, number>>(
    (c, i) => ({ ...c, [i.status]: c[i.status] + 1 }),
    { UP: 0, DOWN: 0, STARTING: 0, OUT_OF_SERVICE: 0 },
  );
  const unhealthy = instances.filter((i) => !i.healthy).length;

  return (
    <div class="page">
      <div class="crumbs"><Link href="/">Services</Link> <span>/</span></div>
      <div class="title-row">
        <h1 class="service-title">{name}</h1>
        <span class={`live ${live ? 'live-on' : ''}`} title={live ? 'Updates arrive as they happen' : 'Reconnecting to the node…'}>
          <span class="dot" /> {live ? 'Live' : 'Reconnecting'}
        </span>
      </div>
      <div class="chips">
        {(Object.keys(counts) as InstanceStatus[]).filter((s) => counts[s] > 0).map((s) => (
          <span key={s} class={`chip status-${s.toLowerCase()}`}><span class="dot" />{counts[s]} {statusLabel[s].toLowerCase()}</span>
        ))}
        {unhealthy > 0 && <span class="chip status-down"><span class="dot" />{unhealthy} unhealthy</span>}
        {namespace !== 'default' && <span class="chip">namespace {namespace}</span>}
      </div>

      <section class="card flush">
        {!loaded ? (
          <p class="empty">Loading…</p>
        ) : instances.length === 0 ? (
          <div class="empty"><b>No instances.</b><p class="muted">This page updates by itself when one registers.</p></div>
        ) : (
          <div class="table-scroll">
            <table class="table instances">
              <thead>
                <tr>
                  <th>Instance</th><th>Status</th><th>Zone</th><th>Addresses</th><th class="num">Weight</th>
                  <th>Metadata</th><th>Last renewal</th><th class="actions-col"><span class="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {instances.map((i) => {
                  const out = i.statusOverride === 'OUT_OF_SERVICE';
                  const fresh = flashes[i.id] && now - flashes[i.id] < 1500;
                  const late = now - Date.parse(i.lastRenewedAt) > i.heartbeatSeconds * 2000;
                  return (
                    <tr key={i.id} data-instance={i.id} class={fresh ? 'flash' : ''}>
                      <td>
                        <div class="mono strong">{i.id}</div>
                        {i.version && <div class="muted small">v{i.version}</div>}
                      </td>
                      <td>
                        <StatusBadge instance={i} />
                        {!i.healthy && <span class="badge status-down subtle">unhealthy</span>}
                      </td>
                      <td>{i.zone}</td>
                      <td class="mono small">{i.addresses.map((a) => <div key={a}>{a}</div>)}</td>
                      <td class="num">
                        <button class="link-btn" title="Change the weight" onClick={() => setPending({ kind: 'weight', instance: i })}>{i.weight}</button>
                      </td>
                      <td>
                        <div class="meta">
                          {Object.entries(i.metadata).map(([k, v]) => <span key={k} class="tag"><b>{k}</b>{v}</span>)}
                        </div>
                      </td>
                      <td class={late ? 'late' : ''} title={`Lease ${i.leaseSeconds} s, heartbeat every ${i.heartbeatSeconds} s`}>
                        {ago(i.lastRenewedAt, now)}
                      </td>
                      <td class="actions">
                        {out ? (
                          <button class="btn btn-small" onClick={() => act(() => api.patch(i, { statusOverride: 'NONE' }), `${i.id} is back in service`)}>
                            Put back in service
                          </button>
                        ) : (
                          <button class="btn btn-small" onClick={() => act(() => api.patch(i, { statusOverride: 'OUT_OF_SERVICE' }), `${i.id} taken out of service`)}>
                            Take out of service
                          </button>
                        )}
                        <button class="btn btn-small btn-ghost" onClick={() => setPending({ kind: 'weight', instance: i })}>Weight</button>
                        <button class="btn btn-small btn-ghost danger" onClick={() => setPending({ kind: 'deregister', instance: i })}>Deregister</button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p class="muted small footnote">
        “Take out of service” sets an operator override (OUT_OF_SERVICE) that hides the instance from discovery, whatever it reports, until you put it back.
      </p>

      {pending?.kind === 'weight' && (
        <WeightDialog
          id={pending.instance.id}
          weight={pending.instance.weight}
          onClose={() => setPending(null)}
          onSave={(weight) => act(() => api.patch(pending.instance, { weight }), `${pending.instance.id} now has weight ${weight}`)}
        />
      )}
      {pending?.kind === 'deregister' && (
        <ConfirmDialog
          title={`Deregister ${pending.instance.id}?`}
          text="It disappears from discovery at once. If the instance is still running, its next heartbeat registers it again."
          confirm="Deregister"
          onClose={() => setPending(null)}
          onConfirm={() => act(() => api.deregister(pending.instance), `${pending.instance.id} deregistered`)}
        />
      )}
    </div>
  );
}
