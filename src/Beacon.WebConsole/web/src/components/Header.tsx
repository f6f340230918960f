import { Link, useLocation } from 'wouter-preact';
import type { NodeStatus } from '../api';
import { useNamespace } from '../namespace';

export function Header({ status, error }: { status?: NodeStatus; error: string | null }) {
  const [location] = useLocation();
  const { namespace, setNamespace } = useNamespace();
  const onCluster = location.startsWith('/cluster');
  return (
    <header class="topbar">
      <div class="topbar-inner">
        <Link href="/" class="brand">
          <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true">
            <rect width="32" height="32" rx="8" fill="currentColor" />
            <circle cx="16" cy="16" r="4" fill="#fff" />
            <circle cx="16" cy="16" r="9" fill="none" stroke="#fff" stroke-opacity=".55" stroke-width="2" />
          </svg>
          Beacon
        </Link>
        <nav>
          <Link href="/" class={onCluster ? '' : 'active'}>Services</Link>
          <Link href="/cluster" class={onCluster ? 'active' : ''}>Cluster</Link>
        </nav>
        <label class="namespace" title="The namespace (environment or tenant) to look at">
          <span>Namespace</span>
          <input
            value={namespace}
            spellcheck={false}
            onChange={(e) => setNamespace((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          />
        </label>
        <div class="node">
          {error ? (
            <span class="pill pill-bad" title={error}>Node unreachable</span>
          ) : status ? (
            <>
              {status.selfPreservation.active && (
                <Link href="/cluster" class="pill pill-bad" title="Too few renewals arrive: eviction is suspended">Self-preservation on</Link>
              )}
              {!status.ready && <span class="pill pill-warn">Starting</span>}
              <span class="pill" title="The node this console is served by">
                <span class="dot dot-good" /> {status.nodeId} · {status.zone}
              </span>
            </>
          ) : null}
        </div>
      </div>
    </header>
  );
}
