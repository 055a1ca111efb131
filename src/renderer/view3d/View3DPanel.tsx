// The 3D view as a collapsible, resizable split over the right of the network canvas: takes what View3D takes,
// gives a "3D view" toggle; three.js is loaded only when the panel is first opened.
import { lazy, Suspense, useEffect, useState, useSyncExternalStore, type ComponentProps } from 'react';
import type { RunViewData } from '../run/controller';
import './view3d.css';

const View3D = lazy(() => import('./View3D').then((m) => ({ default: m.View3D })));

type Props = ComponentProps<typeof View3D> & {
  defaultOpen?: boolean;
  /** The run's compiled synapses and plastic weight history (RunController.view): passed on as `synapses` and
   *  `weightHistory`; `setOpen` tells the run whether the view is shown (weights are read back only then). */
  run?: { subscribe: (l: () => void) => () => void; get: () => RunViewData; setOpen?: (open: boolean) => void };
};

/** Canvas-area width below which the 3D view opens maximised rather than as a half-width split (px). */
const SPLIT_MIN_PX = 900;

const NO_RUN = { subscribe: () => () => {}, get: (): RunViewData => ({}) };
const EMPTY: RunViewData = {};

export function View3DPanel({ defaultOpen = false, run, ...props }: Props) {
  const r = run ?? NO_RUN;
  const fromRun = useSyncExternalStore(r.subscribe, run ? r.get : () => EMPTY);
  const [open, setOpen] = useState(defaultOpen);
  useEffect(() => {
    run?.setOpen?.(open);
    return () => run?.setOpen?.(false);
  }, [run, open]);
  const [width, setWidth] = useState(48); // % of the canvas area
  // Maximised, the view takes the whole canvas area (the network diagram is behind it until restored).
  const [maximised, setMaximised] = useState(false);
  const clamp = (w: number) => Math.max(25, Math.min(85, w));
  const drag = (e: React.PointerEvent<HTMLDivElement>) => {
    const host = e.currentTarget.parentElement?.parentElement;
    if (!host) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const r = host.getBoundingClientRect();
    const move = (m: PointerEvent) => setWidth(clamp(((r.right - m.clientX) / r.width) * 100));
    const up = () => { window.removeEventListener('pointermove', move); window.removeEventListener('pointerup', up); };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  return (
    <div className={`view3d-panel${open ? ' open' : ''}`} style={open ? { width: maximised ? '100%' : `${width}%` } : undefined}>
      <div className="view3d-panel-head">
        {open && <button type="button" aria-pressed={maximised} onClick={() => setMaximised((m) => !m)}
          title="The 3D view takes the whole canvas area">Maximise</button>}
        <button type="button" className="view3d-panel-toggle" aria-expanded={open} onClick={(e) => {
          // Where half the canvas area is too small to read the view (1280×720), it opens maximised.
          if (!open) setMaximised((e.currentTarget.closest('.view3d-panel')?.parentElement?.clientWidth ?? Infinity) < SPLIT_MIN_PX);
          setOpen((o) => !o);
        }}>
          {open ? 'Hide 3D view' : 'Show 3D view'}
        </button>
      </div>
      {open && !maximised && (
        <div className="view3d-splitter" role="separator" aria-orientation="vertical" aria-label="Resize 3D view"
          aria-valuenow={Math.round(width)} aria-valuemin={25} aria-valuemax={85} tabIndex={0}
          onPointerDown={drag}
          onKeyDown={(e) => {
            if (e.key === 'ArrowLeft') setWidth((w) => clamp(w + 5));
            if (e.key === 'ArrowRight') setWidth((w) => clamp(w - 5));
          }} />
      )}
      {open && (
        <>
          <Suspense fallback={<p className="view3d-loading">Loading the 3D view…</p>}>
            <View3D synapses={fromRun.synapses} weightHistory={fromRun.history} {...props} />
          </Suspense>
        </>
      )}
    </div>
  );
}
