// Firing-rate histograms: for each spiking population, how many neurons fire at which mean rate (SVG bars).
import { ExportMenu } from '../components/ExportMenu';
import { rateHistogramsCsv } from '../components/plot-csv';
import type { RunController } from './controller';

const COLORS = ['#5aa9ff', '#ffb547', '#4fd18b', '#ff7ab6', '#b18cff', '#59d8e6'];

export function RateHistograms({ ctrl }: { ctrl: RunController }) {
  const pops = ctrl.data.layout?.populations ?? [];
  return (
    <section aria-label="Firing rates">
      <h2>Firing rates{pops.length > 0 && <ExportMenu name="firing rates" csv={() => rateHistogramsCsv(pops.map((p) => ({ id: p.id, ...ctrl.rateHistogram(p.id) })))} />}</h2>
      {pops.length === 0 ? <p className="plot-empty">Run to see how fast each population fires.</p> : (
        <div className="histograms">
          {pops.map((p, i) => {
            const h = ctrl.rateHistogram(p.id);
            const top = Math.max(1, ...h.counts);
            return (
              <figure key={p.id} className="histogram">
                <svg viewBox="0 0 120 40" preserveAspectRatio="none" role="img"
                  aria-label={`${p.id}: neurons by rate, 0 to ${h.maxHz.toFixed(1)} Hz`}>
                  {h.counts.map((c, k) => (
                    <rect key={k} x={k * 10 + 1} width={8} y={40 - (c / top) * 38} height={(c / top) * 38} fill={COLORS[i % COLORS.length]} />
                  ))}
                </svg>
                <figcaption>{p.id} <span>0–{h.maxHz < 10 ? h.maxHz.toFixed(1) : Math.round(h.maxHz)} Hz</span></figcaption>
              </figure>
            );
          })}
        </div>
      )}
    </section>
  );
}
