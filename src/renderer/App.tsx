// The main screen: palette, network canvas, inspector, run controls and status bar, each a named landmark.
import { useEffect, useState } from 'react';
import { ReactFlow, Background, Controls, MiniMap, ReactFlowProvider } from '@xyflow/react';
import { MODELS } from '../shared/models';
import { findAdapter, type AdapterStatus } from './gpu/adapter';
import { StatusBar } from './components/StatusBar';

export function App() {
  const [adapter, setAdapter] = useState<AdapterStatus>({ state: 'checking' });
  useEffect(() => {
    let live = true;
    void findAdapter().then((a) => { if (live) setAdapter(a); });
    return () => { live = false; };
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">SNN Studio</span>
        <span className="doc-title">Untitled network</span>
      </header>
      <section className="runbar" aria-label="Run controls">
        <button type="button" disabled>Run</button>
        <button type="button" disabled>Pause</button>
        <button type="button" disabled>Stop</button>
        <button type="button" disabled>Step</button>
      </section>
      <aside className="palette" aria-label="Palette">
        <h2>Neurons</h2>
        <ul>{MODELS.filter((m) => m.kind === 'neuron').map((m) => <li key={m.id}><button type="button">{m.label}</button></li>)}</ul>
        <h2>Inputs</h2>
        <ul>{MODELS.filter((m) => m.kind === 'input').map((m) => <li key={m.id}><button type="button">{m.label}</button></li>)}</ul>
      </aside>
      <main className="canvas" aria-label="Network canvas">
        <ReactFlowProvider>
          <ReactFlow nodes={[]} edges={[]} fitView>
            <Background />
            <MiniMap />
            <Controls />
          </ReactFlow>
        </ReactFlowProvider>
      </main>
      <aside className="inspector" aria-label="Inspector">
        <p className="muted">Select a node or a projection to see its parameters.</p>
      </aside>
      <StatusBar adapter={adapter} />
    </div>
  );
}
