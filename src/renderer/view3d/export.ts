// Export of the 3D view for slides: takes the view's canvas, gives a PNG (canvas.toBlob) or a WebM clip
// (MediaRecorder on canvas.captureStream), both as downloads (the web build has no file dialog).

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

export function savePng(canvas: HTMLCanvasElement, filename = 'snn-3d-view.png'): Promise<void> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) { reject(new Error('The browser could not encode the view as PNG.')); return; }
      download(blob, filename);
      resolve();
    }, 'image/png');
  });
}

/** A running recording: stop() ends it and downloads the clip. */
export interface ClipRecording { stop(): Promise<void> }

export function recordClip(canvas: HTMLCanvasElement, filename = 'snn-3d-view.webm', fps = 30): ClipRecording {
  if (typeof MediaRecorder === 'undefined' || !canvas.captureStream) {
    throw new Error('This browser cannot record the canvas (MediaRecorder or captureStream is missing).');
  }
  const stream = canvas.captureStream(fps);
  const mimeType = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm']
    .find((t) => MediaRecorder.isTypeSupported(t));
  const rec = new MediaRecorder(stream, mimeType ? { mimeType, videoBitsPerSecond: 8_000_000 } : undefined);
  const parts: Blob[] = [];
  rec.ondataavailable = (e) => { if (e.data.size > 0) parts.push(e.data); };
  rec.start(250);
  return {
    stop: () => new Promise((resolve) => {
      rec.onstop = () => {
        stream.getTracks().forEach((t) => t.stop());
        download(new Blob(parts, { type: 'video/webm' }), filename);
        resolve();
      };
      rec.stop();
    }),
  };
}
