// A small picture of a model's dynamics for its node: a membrane trace, a spike train or a waveform.
const PATHS: Record<string, string> = {
  lif: 'M2 16 L8 12 L13 9 L17 7 L19 6 L19 2 L19 16 L25 12 L30 9 L34 7',
  adaptive_lif: 'M2 16 L7 11 L10 7 L10 2 L10 16 L17 11 L22 8 L25 6 L25 2 L25 16 L34 11',
  hodgkin_huxley: 'M2 14 L9 14 L11 12 L13 2 L15 16 L18 15 L22 14 L26 14 L28 12 L30 2 L32 16 L34 15',
  izhikevich: 'M2 14 L5 11 L6 2 L7 15 L9 10 L10 2 L11 15 L18 13 L25 11 L27 2 L28 15 L34 12',
  leaky_integrator: 'M2 16 C 8 16, 10 6, 16 6 S 26 12, 34 8',
  poisson: 'M4 4 V16 M9 4 V16 M11 4 V16 M19 4 V16 M27 4 V16 M30 4 V16',
  spike_generator: 'M6 4 V16 M16 4 V16 M26 4 V16 M2 16 H34',
  current: 'M2 15 H10 V5 H26 V15 H34',
  sound_source: 'M2 10 C 6 2, 10 2, 14 10 S 22 18, 26 10 S 32 4, 34 6',
  dataset: 'M3 4 H33 M3 8 H33 M3 12 H33 M3 16 H33 M12 2 V18 M24 2 V18',
};

export function Glyph({ model }: { model: string }) {
  return (
    <svg className="glyph" width="36" height="18" viewBox="0 0 36 18" aria-hidden="true">
      <path d={PATHS[model] ?? 'M2 9 H34'} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}
