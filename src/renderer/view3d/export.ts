// Export of the 3D view for slides: takes the view's WebGL canvas plus the labels drawn over it, gives a PNG
// (canvas.toBlob) or a WebM clip (MediaRecorder), both as downloads (the web build has no file dialog).
// Both go through a 2D copy of the canvas with the labels painted in: the HTML labels are not part of the
// WebGL canvas, and Chromium's captureStream on a WebGL canvas gives no frames on some drivers (SwiftShader).

export interface ExportLabel { text: string; sub?: string; x: number; y: number }

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Paint the WebGL canvas and the labels into `out` (resized to match). Call in the task that rendered. */
export function compose(src: HTMLCanvasElement, labels: readonly ExportLabel[], out = document.createElement('canvas')): HTMLCanvasElement {
  if (out.width !== src.width || out.height !== src.height) { out.width = src.width; out.height = src.height; }
  const g = out.getContext('2d')!;
  g.drawImage(src, 0, 0);
  const scale = src.width / Math.max(1, src.clientWidth || src.width);
  g.save();
  g.scale(scale, scale);
  g.textAlign = 'center';
  for (const l of labels) {
    g.font = '600 12px system-ui, sans-serif';
    const w = Math.max(g.measureText(l.text).width, l.sub ? g.measureText(l.sub).width : 0) + 12;
    const h = l.sub ? 32 : 18;
    g.fillStyle = 'rgba(11, 13, 18, 0.75)';
    g.fillRect(l.x - w / 2, l.y - h - 4, w, h);
    g.fillStyle = '#e4e7ee';
    g.fillText(l.text, l.x, l.y - h + 9);
    if (l.sub) { g.font = '11px system-ui, sans-serif'; g.fillStyle = '#8c93a3'; g.fillText(l.sub, l.x, l.y - 8); }
  }
  g.restore();
  return out;
}

export function savePng(canvas: HTMLCanvasElement, filename = 'snn-3d-view.png'): Promise<void> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) { reject(new Error('The browser could not encode the view as PNG.')); return; }
      download(blob, filename);
      resolve();
    }, 'image/png');
  });
}

/** A running recording: frame() after each render adds the picture; stop() ends it and downloads the clip. */
export interface ClipRecording {
  frame(src: HTMLCanvasElement, labels: readonly ExportLabel[]): void;
  stop(): Promise<void>;
}

export function recordClip(filename = 'snn-3d-view.webm'): ClipRecording {
  const mirror = document.createElement('canvas');
  if (typeof MediaRecorder === 'undefined' || !mirror.captureStream) {
    throw new Error('This browser cannot record the canvas (MediaRecorder or captureStream is missing).');
  }
  // Chromium captures frames of a canvas only while it is in the document: keep it there, out of sight.
  mirror.style.cssText = 'position:fixed;left:0;top:0;opacity:0;z-index:-1;pointer-events:none';
  mirror.setAttribute('aria-hidden', 'true');
  document.body.appendChild(mirror);
  mirror.getContext('2d');
  // Frames are pushed explicitly (requestFrame after each drawn frame) rather than sampled at a rate.
  const stream = mirror.captureStream(0);
  const track = stream.getVideoTracks()[0] as MediaStreamTrack & { requestFrame?: () => void };
  const mimeType = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
  const rec = new MediaRecorder(stream, mimeType ? { mimeType, videoBitsPerSecond: 8_000_000 } : undefined);
  const parts: Blob[] = [];
  rec.ondataavailable = (e) => { if (e.data.size > 0) parts.push(e.data); };
  rec.start(250);
  return {
    frame: (src, labels) => { compose(src, labels, mirror); track.requestFrame?.(); },
    stop: () => new Promise((resolve) => {
      rec.onstop = () => {
        stream.getTracks().forEach((t) => t.stop());
        mirror.remove();
        download(new Blob(parts, { type: 'video/webm' }), filename);
        resolve();
      };
      rec.stop();
    }),
  };
}
