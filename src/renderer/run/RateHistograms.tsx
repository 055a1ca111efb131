// Firing-rate histograms: for each spiking population, how many neurons fire at which mean rate (SVG bars).
import { ExportMenu } from '../components/ExportMenu';
import { rateHistogramsCsv } from '../components/plot-csv';
import type { RunController } from './controller';

/** `colorOf`: each population's colour (plots/palette.ts). */
export function RateHistograms({ ctrl, colorOf }: { ctrl: RunController; colorOf: (id: string) => string }) {
  const pops = ctrl.data.layout?.populations ?? [];
  return (
    <section aria-label="Firing rates">
      <h2>Firing rates <span className="summary" title="bar height: neurons in each rate bin">neurons by rate</span>{pops.length > 0 && <ExportMenu name="firing rates" csv={() => rateHistogramsCsv(pops.map((p) => ({ id: p.id, ...ctrl.rateHistogram(p.id) })))} />}</h2>
      {pops.length === 0 ? <p className="plot-empty">Run to see how fast each population fires.</p> : (
        <div className="histograms">
          {pops.map((p) => {
            const h = ctrl.rateHistogram(p.id);
            const top = Math.max(1, ...h.counts);
            // A silent population has every neuron at 0 Hz: no bars (one full bar at 0 read as "fires a lot").
            const silent = h.maxHz === 0;
            return (
              <figure key={p.id} className="histogram">
                <svg viewBox="0 0 120 40" preserveAspectRatio="none" role="img"
                  aria-label={silent ? `${p.id}: silent, every neuron at 0 Hz` : `${p.id}: neurons by rate, 0 to ${h.maxHz.toFixed(1)} Hz`}>
                  {!silent && h.counts.map((c, k) => (
                    <rect key={k} x={k * 10 + 1} width={8} y={40 - (c / top) * 38} height={(c / top) * 38} fill={colorOf(p.id)} />
                  ))}
                </svg>
                <figcaption>{p.id} <span>{silent ? 'silent (0 Hz)' : `rate 0–${h.maxHz < 10 ? h.maxHz.toFixed(1) : Math.round(h.maxHz)} Hz`}</span></figcaption>
              </figure>
            );
          })}
        </div>
      )}
    </section>
  );
}
