// Surrogate-gradient training of layered spiking networks: plan from a document, CPU reference backend,
// WebGPU backend (./gpu), the training loop with streamed metrics.
export * from './plan';
export * from './params';
export * from './surrogate';
export * from './loss';
export * from './optimizer';
export * from './backend';
export * from './cpu-model';
export * from './cpu-backend';
export * from './trainer';
export * from './weights-io';
export * from './apply';
export * from './engine-eval';
export * from './file-data';
