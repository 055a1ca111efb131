// The status bar: the WebGPU adapter found (or that the CPU engine will be used), plus a short message slot.
import type { AdapterStatus } from '../gpu/adapter';
import type { AutosaveState } from '../app/useAutosave';

const AUTOSAVE_TEXT: Record<AutosaveState, string> = {
  starting: '', pending: 'Autosaving…', saved: 'Autosaved', failed: 'Autosave failed: save your work to a file',
};

export function StatusBar({ adapter, message, autosave }: { adapter: AdapterStatus; message?: string; autosave: AutosaveState }) {
  let text: string;
  if (adapter.state === 'checking') text = 'Looking for a WebGPU adapter…';
  else if (adapter.state === 'found') text = `WebGPU adapter: ${adapter.description}`;
  else text = 'No WebGPU adapter found — the CPU engine will be used';
  return (
    <footer className="statusbar" aria-label="Status bar">
      <span className={`status-dot ${adapter.state}`} aria-hidden="true" />
      <span data-testid="adapter-status" title={adapter.state === 'none' ? adapter.reason : undefined}>{text}</span>
      <span className="status-message" role="status">{message ?? ''}</span>
      <span className={`autosave ${autosave}`} data-testid="autosave">{AUTOSAVE_TEXT[autosave]}</span>
    </footer>
  );
}
