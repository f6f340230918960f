// The public HTTP API (docs/api.md), typed as Beacon.Contracts defines it. The console uses nothing else.

export type InstanceStatus = 'UP' | 'DOWN' | 'STARTING' | 'OUT_OF_SERVICE';

export interface InstanceInfo {
  namespace: string;
  service: string;
  id: string;
  zone: string;
  addresses: string[];
  status: InstanceStatus;
  reportedStatus: InstanceStatus;
  statusOverride?: InstanceStatus;
  healthy: boolean;
  weight: number;
  version?: string;
  metadata: Record<string, string>;
  leaseSeconds: number;
  heartbeatSeconds: number;
  registeredAt: string;
  lastRenewedAt: string;
  lastChangedAt: string;
  revision: number;
}

export interface ServiceInstances {
  namespace: string;
  service: string;
  revision: number;
  instances: InstanceInfo[];
}

export interface ServiceSummary {
  service: string;
  instances: number;
  up: number;
  revision: number;
}

export interface ServiceList {
  namespace: string;
  revision: number;
  services: ServiceSummary[];
}

export interface ChangeInfo {
  revision: number;
  op: 'registered' | 'updated' | 'deregistered' | 'evicted';
  service: string;
  instance: InstanceInfo;
}

export interface ChangeFeed {
  namespace: string;
  revision: number;
  more: boolean;
  changes: ChangeInfo[];
}

export interface NodeStatus {
  nodeId: string;
  zone: string;
  ready: boolean;
  startedAt: string;
  revision: number;
  namespaces: number;
  services: number;
  instances: number;
  evictions: number;
  selfPreservation: {
    enabled: boolean;
    active: boolean;
    warmingUp: boolean;
    expectedRenewalsPerMinute: number;
    actualRenewalsPerMinute: number;
    threshold: number;
  };
}

export type MemberState = 'up' | 'suspect' | 'down';

export interface ClusterMember {
  nodeId: string;
  address: string;
  zone: string;
  state: MemberState;
  self: boolean;
  lastContact?: string | null;
  replicationBacklog: number;
}

/** An error the server answered (application/problem+json), or a failure to reach it. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type?: string,
  ) {
    super(message);
  }
}

function withNamespace(path: string, namespace: string, query: Record<string, string> = {}): string {
  const params = new URLSearchParams(query);
  if (namespace !== 'default') params.set('namespace', namespace);
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('Cannot reach the Beacon node.', 0);
  }
  if (response.ok || response.status === 304) return response;
  let detail = `${response.status} ${response.statusText}`;
  let type: string | undefined;
  try {
    const problem = await response.json();
    detail = problem.detail ?? problem.title ?? detail;
    type = problem.type;
  } catch {
    // not a problem document
  }
  throw new ApiError(detail, response.status, type);
}

const json = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const api = {
  status: async (): Promise<NodeStatus> => (await send('/v1/status')).json(),

  services: async (namespace: string, signal?: AbortSignal): Promise<ServiceList> =>
    (await send(withNamespace('/v1/services', namespace), { signal })).json(),

  service: async (namespace: string, service: string, signal?: AbortSignal): Promise<ServiceInstances> =>
    (
      await send(withNamespace(`/v1/services/${encodeURIComponent(service)}`, namespace, { status: 'all', healthy: 'any' }), {
        signal,
      })
    ).json(),

  /** Blocks until the namespace changes after `since` (or `wait` passes: null). */
  changes: async (namespace: string, since: number, signal: AbortSignal): Promise<ChangeFeed | null> => {
    const response = await send(withNamespace('/v1/changes', namespace, { since: String(since), wait: '30s' }), { signal });
    return response.status === 304 ? null : response.json();
  },

  /** The cluster's members, or null on a single node (the endpoint answers 404). */
  members: async (): Promise<ClusterMember[] | null> => {
    try {
      return (await (await send('/v1/cluster/members')).json()).members;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  },

  patch: async (i: InstanceInfo, body: { statusOverride?: string; weight?: number }): Promise<InstanceInfo> =>
    (
      await send(withNamespace(`/v1/services/${encodeURIComponent(i.service)}/instances/${encodeURIComponent(i.id)}`, i.namespace), {
        method: 'PATCH',
        ...json(body),
      })
    ).json(),

  deregister: async (i: InstanceInfo): Promise<void> => {
    await send(withNamespace(`/v1/services/${encodeURIComponent(i.service)}/instances/${encodeURIComponent(i.id)}`, i.namespace), {
      method: 'DELETE',
    });
  },

  watchUrl: (namespace: string, service: string): string =>
    withNamespace('/v1/watch', namespace, { services: service }),
};
