// Placeholder until the run controls land.
import type { NetworkDocument } from '../../shared/graph';
import type { DiagnosticIndex } from '../editor/useEditor';
import type { AdapterStatus } from '../gpu/adapter';

export function RunPanel(_props: { doc: NetworkDocument; diagnostics: DiagnosticIndex; adapter: AdapterStatus; notify: (m: string, kind?: 'info' | 'error') => void }) {
  return <section className="runbar" aria-label="Run controls" />;
}
