// The examples gallery: every resources/examples/*.snn.json, bundled by Vite, with its name and description,
// in the tutorial's order (GALLERY) with a one-line summary each; examples not listed there follow by file name.
const files = import.meta.glob('../../../resources/examples/*.snn.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export interface Example { file: string; name: string; description: string; json: unknown; /** One line for the gallery. */ line: string }

/** The tutorial's order (part 1, then part 2, then the rest), by file stem, with each example's one line. */
export const GALLERY: readonly { stem: string; line: string }[] = [
  { stem: 'lif-neuron', line: 'One LIF neuron and three input spikes: integrate, leak, fire.' },
  { stem: 'adaptive-threshold', line: 'The same neuron with an adaptive threshold: identical inputs, different answers.' },
  { stem: 'hodgkin-huxley', line: 'The Hodgkin-Huxley action potential under a current step.' },
  { stem: 'coincidence-detection', line: 'Jeffress model: delay lines and 100 coincidence detectors localise a sound.' },
  { stem: 'membrane-only', line: 'The baseline without a hidden layer: a linear read-out stays at chance.' },
  { stem: 'sound-localisation', line: 'Learn to localise a sound: 30 hidden LIF neurons trained with surrogate gradients.' },
  { stem: 'sound-localisation-deep', line: 'A deeper network with adaptive neurons and a skip projection.' },
  { stem: 'stdp', line: 'Spike-timing-dependent plasticity: 200 Poisson inputs onto one neuron.' },
  { stem: 'coba', line: 'The 4,000-neuron COBA benchmark with conductance synapses.' },
];

export const exampleStem = (file: string) => file.replace(/\.snn\.json$/, '');
const rank = (file: string) => { const i = GALLERY.findIndex((g) => g.stem === exampleStem(file)); return i < 0 ? GALLERY.length : i; };

export const EXAMPLES: Example[] = Object.entries(files).map(([path, json]) => {
  const meta = (json as { meta?: { name?: string; description?: string } }).meta ?? {};
  const file = path.split('/').pop()!;
  const description = meta.description ?? '';
  const line = GALLERY.find((g) => g.stem === exampleStem(file))?.line ?? description.split(/(?<=\.)\s/)[0];
  return { file, name: meta.name ?? file, description, json, line };
}).sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file));

/** Example documents by file stem (what lesson files name, src/shared/lessons). */
export const EXAMPLE_JSON: Readonly<Record<string, unknown>> = Object.fromEntries(EXAMPLES.map((e) => [exampleStem(e.file), e.json]));
