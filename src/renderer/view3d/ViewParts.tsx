// The 3D view's HTML parts around the canvas: toolbar, playback bar, cluster labels, hover card, legend and the
// anatomy overlay. Plain presentational components; View3D owns the state and positions the floating labels.
import type { ClusterLayout } from './layout';
import { ANATOMY_LABELS, ANATOMY_PARTS, GLOSSARY, type GlossaryEntry } from './glossary';
import { DENDRITE, EXCITATORY, FLASH, INHIBITORY, PULSE, potentialGradientCss, toCss } from './colors';

export function Toolbar(p: {
  clusters: readonly ClusterLayout[];
  anatomy: boolean; onAnatomy: () => void;
  onFocus: (id: string | null) => void;
  onSavePng: () => void;
  recording: boolean; onRecord: () => void;
  hasTraces: boolean; colourByV: boolean; onColourByV: (v: boolean) => void;
}) {
  return (
    <div className="view3d-toolbar" role="toolbar" aria-label="3D view tools">
      <label>
        Focus
        <select aria-label="Focus on population" defaultValue="" onChange={(e) => p.onFocus(e.target.value || null)}>
          <option value="">Whole network</option>
          {p.clusters.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
        </select>
      </label>
      <button type="button" onClick={() => p.onFocus(null)}>Fit view</button>
      <button type="button" aria-pressed={p.anatomy} onClick={p.onAnatomy}>Anatomy</button>
      {/* Callouts with no room in the scene: labels.ts writes "+N more in the Glossary" here (empty when none). */}
      {p.anatomy && <span className="view3d-more" data-testid="view3d-more-callouts" />}
      {p.hasTraces && (
        <label className="view3d-check">
          <input type="checkbox" checked={p.colourByV} onChange={(e) => p.onColourByV(e.target.checked)} />
          Colour by membrane potential
        </label>
      )}
      <span className="view3d-spacer" />
      <button type="button" onClick={p.onSavePng}>Save PNG</button>
      <button type="button" aria-pressed={p.recording} onClick={p.onRecord}>{p.recording ? 'Stop recording' : 'Record clip'}</button>
    </div>
  );
}

export function PlaybackBar(p: {
  playing: boolean; speed: number; speeds: readonly number[]; time: number; end: number; live: boolean;
  onPlay: () => void; onSpeed: (v: number) => void; onSeek: (t: number) => void; onRestart: () => void; onLive: () => void;
}) {
  return (
    <div className="view3d-playback" role="group" aria-label="3D playback">
      <button type="button" onClick={p.onPlay}>{p.playing ? 'Pause' : 'Play'}</button>
      <button type="button" onClick={p.onRestart}>Replay</button>
      <button type="button" aria-pressed={p.live} onClick={p.onLive} title="Stay on the newest simulated step">Live</button>
      <label>
        Speed
        <select aria-label="Playback speed" value={p.speed} onChange={(e) => p.onSpeed(Number(e.target.value))}>
          {p.speeds.map((s) => <option key={s} value={s}>{s} ms/s</option>)}
        </select>
      </label>
      <input type="range" aria-label="Time" min={0} max={Math.max(p.end, 0.001)} step="any" value={Math.min(p.time, p.end)}
        onChange={(e) => p.onSeek(Number(e.target.value))} />
      <output aria-label="Simulated time">{p.time.toFixed(1)} / {p.end.toFixed(1)} ms</output>
    </div>
  );
}

export function ClusterLabels(p: { clusters: readonly ClusterLayout[]; selected: string | null; refs: Map<string, HTMLElement> }) {
  return (
    <>
      {p.clusters.map((c) => (
        <div key={c.id} className={`view3d-label${p.selected === c.id ? ' selected' : ''}`}
          ref={(el) => { if (el) p.refs.set(c.id, el); else p.refs.delete(c.id); }}>
          <strong>{c.label}</strong>
          <span>{c.drawn < c.size ? `${c.drawn.toLocaleString('en-US')} of ` : ''}{c.size.toLocaleString('en-US')} neuron{c.size === 1 ? '' : 's'}</span>
        </div>
      ))}
    </>
  );
}

export interface HoverInfo {
  x: number; y: number; neuron: number; population: string; populationId: string;
  rateHz: number; lastSpikeMs: number | null;
}

export function HoverCard({ info }: { info: HoverInfo }) {
  return (
    <div className="view3d-hover" role="tooltip" style={{ left: info.x + 14, top: info.y + 14 }}>
      <strong>{info.population}</strong> · neuron {info.neuron}
      <br />rate {info.rateHz.toFixed(1)} Hz · last spike {info.lastSpikeMs === null ? 'none yet' : `${info.lastSpikeMs.toFixed(1)} ms`}
    </div>
  );
}

export function Legend(p: {
  captions: readonly string[]; potential: boolean; plastic: boolean; weights?: readonly string[];
  /** Each population's name and colour (plots/palette.ts), as the somas are drawn when not coloured by v. */
  populations: readonly { id: string; label: string; color: string }[];
  /** When the weights come from a run's readings: the step (and time) of the reading shown. */
  weightsAt?: { step: number; ms: number } | null;
  /** One line per static projection with explicit weights (axons.ts explicitSummary). */
  explicit?: readonly string[];
}) {
  const dot = (c: [number, number, number]) => <i className="view3d-dot" style={{ background: toCss(c) }} />;
  return (
    // A <details>: in a small view the legend would cover the scene, so one click folds it to its summary.
    <details className="view3d-legend" aria-label="3D view legend" open>
      <summary>Legend</summary>
      <div>{p.populations.map((c) => <span key={c.id}><i className="view3d-dot" style={{ background: c.color }} />{c.label} </span>)}</div>
      <div>{dot(FLASH)} spike (fades with τ) {dot(PULSE)} spike in flight {dot(DENDRITE)} dendrite</div>
      {p.potential && (
        <div className="view3d-scale">
          <span>Membrane potential</span>
          <span>rest</span><i style={{ background: potentialGradientCss() }} /><span>threshold</span>
        </div>
      )}
      {p.plastic && <div>Plastic synapses: colour and thickness show weight (thin dim blue = w_min, thick bright magenta = w_max)</div>}
      {p.plastic && p.weightsAt && (
        <div className="muted" data-testid="view3d-weights-at" data-step={p.weightsAt.step}>
          Weights read at {p.weightsAt.ms.toFixed(1)} ms (the last reading at or before the playhead)
        </div>
      )}
      {p.weights?.map((w) => <div key={w} className="muted" data-testid="view3d-weights">{w}</div>)}
      {!!p.explicit?.length && (
        <div>Explicit weights: thickness shows |w|, colour the sign ({dot(EXCITATORY)} positive, {dot(INHIBITORY)} negative)</div>
      )}
      {p.explicit?.map((w) => <div key={w} className="muted" data-testid="view3d-explicit">{w}</div>)}
      {p.captions.map((c) => <div key={c} className="muted">{c}</div>)}
    </details>
  );
}

/** Four labels pinned to the highlighted example cell, with leader lines (labels.ts places them each frame:
 *  inside the stage, none over another, a cluster name or a pin; those with no room are hidden and counted in the
 *  toolbar's "+N more"). */
export function AnatomyOverlay() {
  return (
    <>
      <svg className="view3d-leaders" aria-hidden="true">
        {ANATOMY_PARTS.map((part) => <line key={part} data-leader={part} className={`part-${part}`} visibility="hidden" />)}
      </svg>
      {ANATOMY_PARTS.map((part) => (
        <div key={part} className={`view3d-anatomy-label part-${part}`} data-anchor={part} role="note" aria-label={ANATOMY_LABELS[part]}>
          <span className="view3d-anatomy-pin" />
          <div>
            <strong>{ANATOMY_LABELS[part]}</strong>
            <p>{GLOSSARY[part].short}</p>
          </div>
        </div>
      ))}
    </>
  );
}

/** The glossary beside the stage: the open network's own terms first (glossary.ts networkGlossary), then the
 *  general ones. Focusable: it scrolls, and keyboard users must be able to scroll it (axe scrollable-region-focusable). */
export function Glossary({ entries }: { entries: readonly GlossaryEntry[] }) {
  return (
    <aside className="view3d-glossary" aria-label="Glossary" tabIndex={0}>
      <h3>Glossary</h3>
      <dl>
        {entries.map((g) => (
          <div key={g.term}><dt>{g.term}</dt><dd>{g.text}</dd></div>
        ))}
      </dl>
    </aside>
  );
}
