// A student's progress through the lessons: per lesson id, the step they were on and the steps whose checks
// passed. Kept as JSON by the app (the renderer's storage, docs/lessons.md); reading is forgiving, because a
// damaged or older entry must never stop the lessons from opening — it only forgets what it cannot read.
export interface LessonProgress { step: number; passed: number[]; /** Best (lowest) sweep score by step index, e.g. the mean IPD error. */ best?: Record<string, number> }
export type Progress = Readonly<Record<string, LessonProgress>>;

export const PROGRESS_KEY = 'snn-studio.lessons.progress';

export function parseProgress(text: string | null | undefined): Progress {
  if (!text) return {};
  let raw: unknown;
  try { raw = JSON.parse(text); } catch { return {}; }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Record<string, LessonProgress> = {};
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    const e = v as Partial<LessonProgress> | null;
    if (!e || typeof e !== 'object') continue;
    const step = Number.isInteger(e.step) && (e.step as number) >= 0 ? (e.step as number) : 0;
    const passed = Array.isArray(e.passed) ? [...new Set(e.passed.filter((x): x is number => Number.isInteger(x) && x >= 0))].sort((a, b) => a - b) : [];
    const best = e.best && typeof e.best === 'object' ? Object.fromEntries(Object.entries(e.best).filter(([k, x]) => /^\d+$/.test(k) && typeof x === 'number' && Number.isFinite(x))) : {};
    out[id] = Object.keys(best).length ? { step, passed, best } : { step, passed };
  }
  return out;
}

export const progressText = (p: Progress): string => JSON.stringify(p);

export function atStep(p: Progress, lesson: string, step: number): Progress {
  return { ...p, [lesson]: { ...p[lesson], step, passed: p[lesson]?.passed ?? [] } };
}

/** Keeps the lower of a step's best score and this one (the IPD sweep's mean error: lower is better). */
export function withBest(p: Progress, lesson: string, step: number, score: number): Progress {
  const prev = p[lesson] ?? { step, passed: [] };
  const old = prev.best?.[step];
  if (old !== undefined && old <= score) return p;
  return { ...p, [lesson]: { ...prev, best: { ...prev.best, [step]: score } } };
}

export function withPassed(p: Progress, lesson: string, step: number): Progress {
  const prev = p[lesson] ?? { step, passed: [] };
  return { ...p, [lesson]: { ...prev, passed: [...new Set([...prev.passed, step])].sort((a, b) => a - b) } };
}

/** Steps with checks that passed, of those that have checks. */
export function lessonDone(p: Progress, lesson: string, checkedSteps: readonly number[]): number {
  const passed = new Set(p[lesson]?.passed ?? []);
  return checkedSteps.filter((s) => passed.has(s)).length;
}
