// Stimulus and data-set generators for training tasks.
export * from './sound-localisation';
