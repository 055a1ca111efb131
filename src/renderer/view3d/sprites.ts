// Small textures painted once on a 2D canvas: a soft glow for pulses in flight and a lit sphere for somas drawn
// as sprites (software GL, big clusters).
import * as THREE from 'three';

function paint(size: number, draw: (g: CanvasRenderingContext2D) => void): THREE.Texture {
  const c = document.createElement('canvas');
  c.width = c.height = size;
  draw(c.getContext('2d')!);
  return new THREE.CanvasTexture(c);
}

export function glowTexture(): THREE.Texture {
  return paint(32, (g) => {
    const grad = g.createRadialGradient(16, 16, 0, 16, 16, 16);
    grad.addColorStop(0, 'rgba(255,255,255,1)');
    grad.addColorStop(0.35, 'rgba(255,255,255,0.8)');
    grad.addColorStop(1, 'rgba(255,255,255,0)');
    g.fillStyle = grad;
    g.fillRect(0, 0, 32, 32);
  });
}

export function sphereTexture(): THREE.Texture {
  return paint(64, (g) => {
    // Light from the upper left, like the directional light on the instanced spheres.
    const grad = g.createRadialGradient(24, 22, 2, 32, 32, 31);
    grad.addColorStop(0, '#ffffff');
    grad.addColorStop(0.6, '#b8b8b8');
    grad.addColorStop(1, '#6a6a6a');
    g.fillStyle = grad;
    g.beginPath();
    g.arc(32, 32, 31, 0, Math.PI * 2);
    g.fill();
  });
}
