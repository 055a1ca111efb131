// The status bar: the WebGPU adapter found (or that the CPU engine will be used), plus a short message slot.
import type { AdapterStatus } from '../gpu/adapter';

export function StatusBar({ adapter, message }: { adapter: AdapterStatus; message?: string }) {
  let text: string;
  if (adapter.state === 'checking') text = 'Looking for a WebGPU adapter…';
  else if (adapter.state === 'found') text = `WebGPU adapter: ${adapter.description}`;
  else text = 'No WebGPU adapter found — the CPU engine will be used';
  return (
    <footer className="statusbar" aria-label="Status bar">
      <span className={`status-dot ${adapter.state}`} aria-hidden="true" />
      <span data-testid="adapter-status" title={adapter.state === 'none' ? adapter.reason : undefined}>{text}</span>
      <span className="status-message" role="status">{message ?? ''}</span>
    </footer>
  );
}
