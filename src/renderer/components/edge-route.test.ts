// Canvas edges round the nodes between their ends (#15: sound-localisation-deep's skip projection alif → output
// ran behind the LIF node, which hid its line and label).
import { describe, expect, it } from 'vitest';
import { detourTop, type Box } from './edge-route';

const node = (x: number, y: number): Box => ({ x, y, width: 180, height: 80 });

describe('detourTop', () => {
  it('arcs over a node the straight line would pass behind, above it and both ends', () => {
    // Four nodes in a row as in sound-localisation-deep: alif (320) → output (960) passes the LIF node (640).
    const top = detourTop(320 + 180, 40, 960, 40, [node(640, 0)]);
    expect(top).not.toBeNull();
    expect(top!).toBeLessThan(0); // above the LIF node's top edge (y = 0)
  });

  it('leaves a clear way straight: neighbours, nodes off the line, nodes beyond either end', () => {
    expect(detourTop(180, 40, 320, 40, [node(640, 0), node(960, 0)])).toBeNull();
    expect(detourTop(180, 40, 960, 40, [node(500, 200), node(500, -200)])).toBeNull();
    expect(detourTop(180, 40, 960, 40, [node(1200, 0), node(-300, 0)])).toBeNull();
  });

  it('catches a node the line crosses diagonally, and only edges running left to right', () => {
    expect(detourTop(180, 0, 960, 400, [node(500, 150)])).not.toBeNull();
    expect(detourTop(960, 40, 180, 40, [node(500, 0)])).toBeNull();
  });

  it('rises above the highest node in the way', () => {
    expect(detourTop(180, 300, 1400, 300, [node(400, 260), node(800, 240), node(1100, 280)])).toBe(240 - 40);
    // Only the node actually crossed counts (the one at y = -500 is off the line).
    expect(detourTop(180, 300, 1400, 300, [node(400, 260), node(800, -500)])).toBe(260 - 40);
  });
});
