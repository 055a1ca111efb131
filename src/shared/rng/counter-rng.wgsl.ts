// WGSL twin of ./counter-rng.ts. Uses: nothing (pure functions). Provides: pcg_hash, random_u32, uniform01.
export const COUNTER_RNG_WGSL = /* wgsl */ `
fn pcg_hash(v: u32) -> u32 {
  let state = v * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

fn random_u32(seed: u32, stream: u32, index: u32, counter: u32) -> u32 {
  var h = pcg_hash(seed);
  h = pcg_hash(h ^ stream);
  h = pcg_hash(h ^ index);
  h = pcg_hash(h ^ counter);
  return h;
}

// Uniform in [0, 1) with 24 bits: bit-identical to uniform01 in counter-rng.ts.
fn uniform01(seed: u32, stream: u32, index: u32, counter: u32) -> f32 {
  return f32(random_u32(seed, stream, index, counter) >> 8u) * 5.9604644775390625e-8;
}
`;
