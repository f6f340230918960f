import type { NodeStatus } from '../api';
import { SelfPreservation } from '../components/SelfPreservation';
import { ago, duration, plural } from '../format';
import { useMembers, useNow } from '../hooks';

export function ClusterPage({ status }: { status?: NodeStatus }) {
  const members = useMembers();
  const now = useNow();
  const list = members.value;
  const byState = (state: string) => list?.filter((m) => m.state === state).length ?? 0;
  const backlog = list?.reduce((n, m) => n + m.replicationBacklog, 0) ?? 0;

  return (
    <div class="page">
      <h1>Cluster</h1>
      <div class="grid-2">
        <section class="card" aria-label="This node">
          <div class="card-head">
            <h2>This node</h2>
            {status && <span class={`pill pill-${status.ready ? 'good' : 'warn'}`}>{status.ready ? 'Ready' : 'Starting'}</span>}
          </div>
          {status ? (
            <dl class="facts">
              <dt>Node</dt><dd class="mono">{status.nodeId}</dd>
              <dt>Zone</dt><dd>{status.zone}</dd>
              <dt>Up for</dt><dd title={status.startedAt}>{duration(status.startedAt, now)}</dd>
              <dt>Registry</dt><dd>{plural(status.instances, 'instance')} in {plural(status.services, 'service')}, {plural(status.namespaces, 'namespace')}</dd>
              <dt>Revision</dt><dd class="mono">{status.revision}</dd>
            </dl>
          ) : <p class="empty">Loading…</p>}
        </section>
        {status ? <SelfPreservation status={status} /> : <section class="card"><p class="empty">Loading…</p></section>}
      </div>

      <section class="card flush" aria-label="Members">
        <div class="card-head padded">
          <h2>Members</h2>
          {list && (
            <div class="chips">
              <span class="chip status-up"><span class="dot" />{byState('up')} up</span>
              {byState('suspect') > 0 && <span class="chip status-starting"><span class="dot" />{byState('suspect')} suspect</span>}
              {byState('down') > 0 && <span class="chip status-down"><span class="dot" />{byState('down')} down</span>}
              <span class="chip">replication backlog {backlog}</span>
            </div>
          )}
        </div>
        {members.error && <p class="banner banner-bad">{members.error}</p>}
        {list === undefined ? (
          <p class="empty">Loading…</p>
        ) : list === null ? (
          <div class="empty single">
            <b>Single node</b>
            <p class="muted">This node runs alone: no cluster is configured, so there is nothing to replicate.
              Members, their state and replication backlogs appear here once it joins a cluster.</p>
          </div>
        ) : (
          <table class="table members">
            <thead>
              <tr><th>Node</th><th>Address</th><th>Zone</th><th>State</th><th>Last contact</th><th class="num">Replication backlog</th></tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.nodeId}>
                  <td class="mono strong">{m.nodeId}{m.self && <span class="tag self">this node</span>}</td>
                  <td class="mono small"><a href={`${m.address}/ui/cluster`}>{m.address}</a></td>
                  <td>{m.zone}</td>
                  <td><span class={`badge member-${m.state}`}><span class="dot" />{m.state}</span></td>
                  <td>{m.self ? '—' : ago(m.lastContact, now)}</td>
                  <td class={`num ${m.replicationBacklog > 0 ? 'warn-text' : ''}`}>{m.replicationBacklog}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
