// The bundled lessons: every resources/lessons/*.lesson.json, read with the shared validator against the bundled
// examples, in their `order`. A file that does not pass is listed with its problems instead (the panel shows them).
import { loadLesson, type Lesson, type LessonStep } from '../../shared/lessons';
import { EXAMPLE_JSON } from '../editor/examples';

const files = import.meta.glob('../../../resources/lessons/*.lesson.json', { eager: true, import: 'default' }) as Record<string, unknown>;

const loaded = Object.entries(files).map(([path, json]) => ({ file: path.split('/').pop()!, r: loadLesson(json, EXAMPLE_JSON) }));

export const LESSONS: Lesson[] = loaded.flatMap((x) => (x.r.ok ? [x.r.lesson] : [])).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
export const LESSON_PROBLEMS: { file: string; problems: string[] }[] = loaded.flatMap((x) => (x.r.ok ? [] : [{ file: x.file, problems: x.r.problems }]));

/** The network a step works on: its own, or the last one an earlier step loads (null when none does), with the step that loads it. */
export function stepNetworkOf(lesson: Lesson, step: number): { from: number; net: NonNullable<LessonStep['network']> } | null {
  for (let s = step; s >= 0; s--) { const net = lesson.steps[s].network; if (net) return { from: s, net }; }
  return null;
}
