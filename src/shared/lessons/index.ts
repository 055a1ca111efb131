// Lessons (docs/lessons.md): the file's schema, reading it with every problem, checks on a run, saved progress.
export * from './schema';
export * from './load';
export * from './check';
export * from './progress';
