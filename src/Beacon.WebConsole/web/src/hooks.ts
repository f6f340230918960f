import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type ClusterMember, type InstanceInfo, type NodeStatus, type ServiceList } from './api';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });

/** The current time, ticking every `ms`, so relative times ("12 s ago") stay true. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Calls `load` now and every `ms`; keeps the last value and the last error. */
export function usePolling<T>(load: () => Promise<T>, ms: number, deps: unknown[] = []) {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const stop = new AbortController();
    (async () => {
      while (!stop.signal.aborted) {
        try {
          const next = await load();
          if (!stop.signal.aborted) { setValue(next); setError(null); }
        } catch (e) {
          if (!stop.signal.aborted) setError((e as Error).message);
        }
        await sleep(ms, stop.signal);
      }
    })();
    return () => stop.abort();
    // `load` is a new closure on every render; the caller names what should restart the loop.
  }, deps);
  return { value, error };
}

export const useNodeStatus = () => usePolling<NodeStatus>(api.status, 3000);

export const useMembers = () => usePolling<ClusterMember[] | null>(api.members, 3000);

/**
 * The namespace's services, live: after each read it long-polls the namespace's change feed and
 * reads again when something changed. No timer: it updates within milliseconds of a change.
 */
export function useServices(namespace: string) {
  const [list, setList] = useState<ServiceList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const stop = new AbortController();
    const signal = stop.signal;
    setList(null);
    (async () => {
      let since = 0;
      while (!signal.aborted) {
        try {
          if (since === 0) {
            const fresh = await api.services(namespace, signal);
            setList(fresh); setError(null);
            since = fresh.revision;
          }
          const feed = await api.changes(namespace, since, signal);
          if (feed) {
            since = feed.more ? feed.revision : 0; // read again in full once the feed has caught up
          }
        } catch (e) {
          if (signal.aborted) return;
          if (e instanceof ApiError && e.type?.endsWith(':namespace-not-found')) {
            setList({ namespace, revision: 0, services: [] });
            setError(null);
          } else if (!(e instanceof ApiError && e.status === 410)) {
            setError((e as Error).message);
          }
          since = 0;
          await sleep(2000, signal);
        }
      }
    })();
    return () => stop.abort();
  }, [namespace]);
  return { list, error };
}

export type Flashes = Record<string, number>;

/**
 * One service's instances, live over the SSE watch stream (snapshot, then every change); the
 * browser's EventSource reconnects by itself with Last-Event-ID. A light refresh every 5 s brings
 * the renewal times, which are not changes and so are not streamed.
 */
export function useServiceWatch(namespace: string, service: string) {
  const [instances, setInstances] = useState<Map<string, InstanceInfo>>(new Map());
  const [live, setLive] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [flashes, setFlashes] = useState<Flashes>({});
  const revision = useRef(0);

  const flash = (id: string) => setFlashes((f) => ({ ...f, [id]: Date.now() }));

  useEffect(() => {
    setInstances(new Map()); setLoaded(false); revision.current = 0;
    const source = new EventSource(api.watchUrl(namespace, service));
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('snapshot', (e) => {
      const snapshot = JSON.parse((e as MessageEvent).data);
      revision.current = Math.max(revision.current, snapshot.revision);
      setInstances(new Map(snapshot.instances.map((i: InstanceInfo) => [i.id, i])));
      setLoaded(true); setLive(true);
    });
    source.addEventListener('change', (e) => {
      const change = JSON.parse((e as MessageEvent).data);
      revision.current = Math.max(revision.current, change.revision);
      setInstances((current) => {
        const next = new Map(current);
        if (change.op === 'deregistered' || change.op === 'evicted') next.delete(change.instance.id);
        else next.set(change.instance.id, change.instance);
        return next;
      });
      flash(change.instance.id);
    });

    const stop = new AbortController();
    const refresh = setInterval(async () => {
      try {
        const fresh = await api.service(namespace, service, stop.signal);
        setInstances((current) => {
          const next = new Map(current);
          for (const i of fresh.instances) {
            const known = next.get(i.id);
            // Only take what is not older than the stream: the renewal time of the same revision.
            if (known && known.revision === i.revision) next.set(i.id, { ...known, lastRenewedAt: i.lastRenewedAt });
          }
          return next;
        });
      } catch {
        // the stream is the source of truth; a missed refresh only delays renewal times
      }
    }, 5000);

    return () => { source.close(); stop.abort(); clearInterval(refresh); };
  }, [namespace, service]);

  return { instances: [...instances.values()].sort((a, b) => a.id.localeCompare(b.id)), live, loaded, flashes };
}
