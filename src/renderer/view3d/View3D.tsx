// The 3D view: takes the network document and the run's spikes (RunChunks) and shows the network in space with
// spikes flashing somas and travelling along axons at the delays' pace; selection is linked through props.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunChunk } from '../../shared/engine/types';
import type { NetworkDocument } from '../../shared/graph/schema';
import { layoutKey, layoutNetwork } from './layout';
import { explicitSummary, weightSummary, type SynapseOverride } from './axons';
import { NetworkScene, type AnatomyAnchors } from './scene';
import { frameState, indexAxons, Playback, type FrameOptions } from './timeline';
import { pickNeuron } from './pick';
import { defaultSpeed, membraneTauMs, membraneVariable, potentialRange, SPEEDS, useActivityStore, type ActivitySource } from './activity';
import { AnatomyOverlay, ClusterLabels, Glossary, HoverCard, Legend, PlaybackBar, Toolbar, type HoverInfo } from './ViewParts';
import { networkGlossary } from './glossary';
import { compose, recordClip, savePng, type ClipRecording, type ExportLabel } from './export';
import { labelPlacer } from './labels';
import type { Rect } from './placement';
import type { WeightHistory, WeightSnapshot } from './weights';
import './view3d.css';

export interface View3DProps {
  doc: NetworkDocument;
  /** The run's chunks so far (grow the array or pass a new one; a shorter one means a new run). */
  chunks?: readonly RunChunk[];
  /** Or a source that pushes chunks as the engine delivers them. */
  source?: ActivitySource;
  selectedPopulation?: string | null;
  onSelect?: (populationId: string | null) => void;
  /** Synapses of the compiled network (IR) by projection id; the document's rules are used without it. */
  synapses?: Record<string, SynapseOverride>;
  /** Current weights of plastic projections, e.g. from engine.readWeights(): in IR synapse order, or in the order
   *  of `synapses[id].index` when the synapses are the worker's sample (what the app passes). */
  weights?: Record<string, Float32Array>;
  /** Or plastic weights over time (what the app passes, RunController.view): the view at time t shows the last
   *  reading at or before t, playing or scrubbing; same order as `weights`. Takes precedence over `weights`. */
  weightHistory?: WeightHistory;
}

/** Flashes and zero-delay pulses stay on screen at least this long (view seconds), whatever tau is. */
const MIN_FLASH_S = 0.15;

export function View3D({ doc, chunks, source, selectedPopulation = null, onSelect, synapses, weights: staticWeights, weightHistory }: View3DProps) {
  const box = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sceneRef = useRef<NetworkScene | null>(null);
  const labelRefs = useRef(new Map<string, HTMLElement>());
  /** Where the last drawn frame put each cluster's name (null: no room, hidden), for pictures and clips. */
  const placedLabels = useRef(new Map<string, Rect | null>());
  // Rebuild the scene only when what it shows changes (not on a parameter edit): keyed on layoutKey(doc).
  const key = useMemo(() => layoutKey(doc), [doc]);
  const docRef = useRef(doc);
  docRef.current = doc;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const layout = useMemo(() => layoutNetwork(docRef.current, { synapses }), [key, synapses]);
  const axonIndex = useMemo(() => layout.bundles.map((b) => indexAxons(b, layout.clusters.find((c) => c.id === b.source)!.drawn)), [layout]);
  const play = useRef(new Playback(defaultSpeed(doc)));
  const [speed, setSpeed] = useState(play.current.speed);
  const [playing, setPlaying] = useState(true);
  // A new run starts live (the view stays on its newest step, in step with the raster) until the user scrubs.
  const [live, setLive] = useState(false);
  const store = useActivityStore(doc.simulation.dt_ms, chunks, source, () => {
    play.current.follow = true;
    play.current.playing = true;
    setLive(true);
    setPlaying(true);
  });
  const [time, setTime] = useState({ t: 0, end: 0 });
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const [anatomy, setAnatomy] = useState(false);
  const [anchors, setAnchors] = useState<AnatomyAnchors | null>(null);
  const [colourByV, setColourByV] = useState(true);
  const [hasTraces, setHasTraces] = useState(false);
  const [recording, setRecording] = useState<ClipRecording | null>(null);
  const [error, setError] = useState<string | null>(null);
  const recordingRef = useRef<ClipRecording | null>(null);
  recordingRef.current = recording;
  const selected = useRef(selectedPopulation);
  selected.current = selectedPopulation;
  // The weights shown: the history's reading at the playhead (set by the frame loop when it changes), or the prop.
  const [snapshot, setSnapshot] = useState<WeightSnapshot | null>(null);
  const historyRef = useRef(weightHistory);
  historyRef.current = weightHistory;
  const weights = weightHistory ? snapshot?.weights : staticWeights;
  const weightsRef = useRef(weights);
  weightsRef.current = weights;
  const colour = useRef(colourByV);
  colour.current = colourByV;

  // Scene lifetime: one WebGL context per mounted view.
  useEffect(() => {
    try {
      sceneRef.current = new NetworkScene(canvasRef.current!);
    } catch (e) {
      setError(`The 3D view needs WebGL: ${e instanceof Error ? e.message : String(e)}`);
    }
    return () => { sceneRef.current?.dispose(); sceneRef.current = null; };
  }, []);

  const weightRanges = useMemo(() => Object.fromEntries(doc.projections.filter((p) => p.plasticity)
    .map((p) => [p.id, [p.plasticity!.w_min, p.plasticity!.w_max] as [number, number]])), [doc]);
  useEffect(() => {
    const s = sceneRef.current;
    if (!s) return;
    s.setLayout(layout, weightsRef.current, weightRanges);
    s.setSelected(selected.current);
    setAnchors(anatomy ? s.setAnatomy(true) : null);
    // anatomy is applied by its own effect; re-applied here only because setLayout clears the scene.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout, weightRanges]);
  // New weights (STDP during a run) recolour the axons only.
  useEffect(() => { sceneRef.current?.setWeights(weights, weightRanges); }, [weights, weightRanges]);
  const weightsAt = weightHistory && snapshot ? { step: snapshot.step, ms: snapshot.step * doc.simulation.dt_ms } : null;
  const weightLines = useMemo(() => layout.bundles.flatMap((b) => {
    const w = b.plastic ? weights?.[b.projection] : undefined;
    const range = weightRanges[b.projection];
    return w && range ? [weightSummary(b.projection, Array.from(b.weightIndex, (i) => w[i] ?? 0), range[0], range[1])] : [];
  }), [layout, weights, weightRanges]);
  // Static projections with explicit weights (trained weights applied to the document) draw as signed ribbons.
  const explicitLines = useMemo(() => layout.bundles.flatMap((b) => {
    const w = b.explicit ? doc.projections.find((p) => p.id === b.projection)?.weight : undefined;
    return w?.dist === 'explicit' ? [explicitSummary(b.projection, w.values)] : [];
  }), [layout, doc]);
  const explicitAxons = layout.bundles.reduce((n, b) => n + (b.explicit?.length ?? 0), 0);
  useEffect(() => { sceneRef.current?.setSelected(selectedPopulation); }, [selectedPopulation]);
  useEffect(() => { setAnchors(sceneRef.current?.setAnatomy(anatomy) ?? null); }, [anatomy]);
  // The anatomy labels mount after the highlight: draw once more so they get their places even when paused.
  useEffect(() => { if (sceneRef.current) sceneRef.current.dirty = true; }, [anchors, hasTraces, colourByV]);

  /** The cluster labels, for pictures and clips (the HTML ones are not in the canvas): where the view placed
   *  them (compose draws a label's box above its point), none that it hid. */
  const exportLabels = useCallback((s: NetworkScene, w: number, h: number): ExportLabel[] => layout.clusters.flatMap((c) => {
    const placed = placedLabels.current.get(c.id);
    if (placed === null) return [];
    const at = placed ? [placed.x + placed.w / 2, placed.y + placed.h + 4] : s.project([c.center[0], c.center[1] + c.radius, c.center[2]], w, h);
    return at ? [{ text: c.label, sub: `${c.size.toLocaleString('en-US')} neuron${c.size === 1 ? '' : 's'}`, x: at[0], y: at[1] }] : [];
  }), [layout]);

  // The frame loop: runs only while the view is on screen and the page is visible.
  useEffect(() => {
    const el = box.current!;
    let onScreen = true;
    let raf = 0;
    let last = performance.now();
    let lastUi = 0;
    let cpuMs = 0;
    let lastKey = '';
    let traces = false;
    let shown: WeightSnapshot | null = null;
    const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
    const placer = labelPlacer(el, layout.clusters, labelRefs.current, () => selected.current);
    const frame = (now: number) => {
      const t0 = performance.now();
      raf = 0;
      const s = sceneRef.current;
      const canvas = canvasRef.current;
      if (!s || !canvas) return;
      const w = el.clientWidth, h = el.clientHeight;
      if (canvas.width !== Math.floor(w * s.renderer.getPixelRatio()) || canvas.height !== Math.floor(h * s.renderer.getPixelRatio())) s.setSize(w, h);
      // rAF's timestamp is the frame's start and can precede a performance.now() taken just before: clamp.
      const dt = Math.max(0, Math.min(0.1, (now - last) / 1000));
      last = Math.max(last, now);
      const st = store.current;
      const p = play.current;
      const t = p.advance(dt, st.endMs);
      // Plastic weights: the last reading at or before t (a binary search; React state only when it changes).
      const snap = historyRef.current?.at(Math.floor(t / st.dtMs + 1e-6)) ?? null;
      if (snap !== shown) { shown = snap; setSnapshot(snap); }
      // Idle (paused, nothing new, camera still): skip the update and let render() skip the draw.
      const key = `${t}|${st.version}|${selected.current}|${colour.current}|${w}x${h}`;
      const changed = key !== lastKey;
      lastKey = key;
      if (changed) {
        const minTau = p.speed * MIN_FLASH_S;
        const opts: FrameOptions = {
          tauMs: Object.fromEntries(doc.nodes.map((n) => [n.id, Math.max(minTau, membraneTauMs(n))])),
          drawn: Object.fromEntries(layout.clusters.map((c) => [c.id, c.drawn])),
          zeroDelayGlowMs: minTau,
        };
        const f = frameState(st, layout.bundles, axonIndex, t, opts);
        const step = Math.floor(t / st.dtMs);
        const potentials: Record<string, { indices: Uint32Array; values: Float32Array }> = {};
        traces = false;
        for (const c of layout.clusters) {
          const node = nodes.get(c.id)!;
          const membrane = membraneVariable(node);
          if (!membrane || !st.hasTrace(c.id, membrane)) continue;
          traces = true;
          const v = colour.current ? st.stateAt(c.id, membrane, Math.min(step, st.endStep - 1)) : null;
          if (!v) continue;
          const [lo, hi] = potentialRange(node);
          potentials[c.id] = { indices: v.indices, values: v.values.map((x) => (x - lo) / (hi - lo)) };
        }
        s.update(f, potentials, selected.current);
        el.dataset.litSomas = String(Object.values(f.lit).reduce((x, y) => x + y, 0));
        el.dataset.timeMs = t.toFixed(2);
        el.dataset.pulses = String(f.pulseCount);
      }
      if (s.render(dt)) {
        // Cluster names and Anatomy callouts: inside the stage, none over another (labels.ts, placement.ts).
        placedLabels.current = placer.place((p) => s.project(p, w, h), (part) => s.anatomyAnchor(part), w, h);
        recordingRef.current?.frame(canvas, exportLabels(s, w, h));
        // Main-thread cost of a drawn frame (update + draw calls), smoothed; the benchmark reads it.
        cpuMs = cpuMs === 0 ? performance.now() - t0 : 0.9 * cpuMs + 0.1 * (performance.now() - t0);
        el.dataset.frameCpuMs = cpuMs.toFixed(2);
      }
      if (now - lastUi > 100) {
        lastUi = now;
        setTime({ t, end: st.endMs });
        setHasTraces(traces);
      }
      schedule();
    };
    const schedule = () => {
      const visible = onScreen && document.visibilityState === 'visible';
      el.dataset.rendering = visible ? 'running' : 'paused';
      if (visible && !raf) raf = requestAnimationFrame(frame);
    };
    const io = new IntersectionObserver((entries) => {
      onScreen = entries.some((e) => e.isIntersecting);
      last = performance.now();
      schedule();
    });
    io.observe(el);
    const onVis = () => { last = performance.now(); schedule(); };
    document.addEventListener('visibilitychange', onVis);
    schedule();
    return () => {
      io.disconnect();
      document.removeEventListener('visibilitychange', onVis);
      if (raf) cancelAnimationFrame(raf);
    };
  }, [doc, layout, axonIndex, store, exportLabels]);

  // Hover and click: pick the soma under the pointer; a drag (orbit) is not a click.
  const down = useRef<[number, number] | null>(null);
  const pickAt = useCallback((e: React.PointerEvent) => {
    const s = sceneRef.current;
    const el = box.current;
    if (!s || !el) return null;
    const r = el.getBoundingClientRect();
    const ray = s.ray(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
    const dist = s.camera.position.distanceTo(s.controls.target);
    return { hit: pickNeuron(layout, ray.origin, ray.dir, Math.max(0.35, dist * 0.006)), x: e.clientX - r.left, y: e.clientY - r.top };
  }, [layout]);
  const onMove = (e: React.PointerEvent) => {
    if (e.buttons) { setHover(null); return; }
    const p = pickAt(e);
    if (!p?.hit) { setHover(null); return; }
    const st = store.current;
    const step = Math.floor(play.current.timeMs / st.dtMs);
    const c = layout.clusters.find((k) => k.id === p.hit!.cluster)!;
    setHover({
      x: p.x, y: p.y, neuron: p.hit.neuron, population: c.label, populationId: c.id,
      rateHz: st.rateHz(c.id, p.hit.neuron, step), lastSpikeMs: st.lastSpikeMs(c.id, p.hit.neuron, step),
    });
  };
  const onUp = (e: React.PointerEvent) => {
    const d = down.current;
    down.current = null;
    if (!d || Math.hypot(e.clientX - d[0], e.clientY - d[1]) > 4) return;
    const p = pickAt(e);
    onSelect?.(p?.hit?.cluster ?? null);
  };
  const onDouble = (e: React.MouseEvent) => {
    const p = pickAt(e as unknown as React.PointerEvent);
    sceneRef.current?.fit(p?.hit?.cluster ?? null);
  };

  const toggleRecording = async () => {
    if (recording) { setRecording(null); await recording.stop(); return; }
    try {
      setRecording(recordClip());
      if (sceneRef.current) sceneRef.current.dirty = true;
    } catch (e) { setError(e instanceof Error ? e.message : String(e)); }
  };

  const neurons = layout.clusters.reduce((n, c) => n + c.drawn, 0);
  return (
    <section className="view3d" aria-label="3D view">
      <Toolbar
        clusters={layout.clusters}
        anatomy={anatomy}
        onAnatomy={() => setAnatomy((a) => !a)}
        onFocus={(id) => sceneRef.current?.fit(id)}
        onSavePng={() => {
          // Draw now: the WebGL buffer is only readable in the task that drew it (no preserveDrawingBuffer).
          const s = sceneRef.current, c = canvasRef.current;
          if (!s || !c) return;
          s.render(0, true);
          void savePng(compose(c, exportLabels(s, c.clientWidth, c.clientHeight))).catch((e: Error) => setError(e.message));
        }}
        recording={!!recording}
        onRecord={() => { void toggleRecording(); }}
        hasTraces={hasTraces}
        colourByV={colourByV}
        onColourByV={setColourByV}
      />
      {/* The stage and, beside it (below it when narrow), the legend and glossary: they never cover the scene
          or the Anatomy callouts. */}
      <div className="view3d-body">
      <div
        className="view3d-stage" ref={box} data-neurons={neurons} data-explicit-axons={explicitAxons}
        onPointerDown={(e) => { down.current = [e.clientX, e.clientY]; }}
        onPointerMove={onMove} onPointerUp={onUp} onPointerLeave={() => setHover(null)} onDoubleClick={onDouble}
      >
        <canvas ref={canvasRef} className="view3d-canvas" role="img"
          aria-label={`3D view of ${doc.meta.name}: ${layout.clusters.length} populations, ${neurons.toLocaleString('en-US')} neurons`} />
        <ClusterLabels clusters={layout.clusters} selected={selectedPopulation} refs={labelRefs.current} />
        {anatomy && anchors && <AnatomyOverlay />}
        {hover && <HoverCard info={hover} />}
        {error && <p className="view3d-error" role="alert">{error}</p>}
      </div>
      <div className="view3d-side">
        <Legend captions={layout.bundles.map((b) => b.caption)} potential={hasTraces && colourByV} populations={layout.clusters}
          plastic={layout.bundles.some((b) => b.plastic) && !!weights} weights={weightLines} weightsAt={weightsAt} explicit={explicitLines} />
        {anatomy && <Glossary entries={networkGlossary(doc)} />}
      </div>
      </div>
      <PlaybackBar
        playing={playing} speed={speed} time={time.t} end={time.end} speeds={SPEEDS}
        live={live}
        onLive={() => { play.current.follow = !live; setLive(!live); }}
        onPlay={() => { play.current.playing = !playing; play.current.follow = false; setLive(false); setPlaying(!playing); }}
        onSpeed={(v) => { play.current.speed = v; setSpeed(v); }}
        onSeek={(t) => {
          play.current.follow = false;
          setLive(false);
          play.current.seek(t, store.current.endMs);
          setTime({ t: play.current.timeMs, end: store.current.endMs });
        }}
        onRestart={() => {
          play.current.follow = false;
          setLive(false);
          play.current.seek(0, store.current.endMs);
          play.current.playing = true;
          setPlaying(true);
        }}
      />
    </section>
  );
}
