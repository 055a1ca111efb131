// Counter-based RNG shared by the CPU and GPU engines, the compiler and the task generators.
export * from './counter-rng';
export * from './counter-rng.wgsl';
