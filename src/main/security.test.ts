import { describe, expect, it } from 'vitest';
import { devCsp, gpuSwitches, isAllowedRequestUrl, isPermissionAllowed, PRODUCTION_CSP, secureWebPreferences, startupErrorText } from './security';

describe('security policy', () => {
  it('web preferences keep the renderer isolated and sandboxed', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true,
      allowRunningInsecureContent: false, webviewTag: false, experimentalFeatures: false, navigateOnDragDrop: false,
    });
  });

  it('the CSP allows only the app itself: no remote scripts, no eval, no framing, no plugins', () => {
    const directives = Object.fromEntries(PRODUCTION_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(PRODUCTION_CSP).not.toMatch(/(?<!wasm-)unsafe-eval|https?:|\*/);
  });

  it('refuses every permission request (WebGPU needs none)', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'usb', 'serial', 'fullscreen', 'pointerLock']) {
      expect(isPermissionAllowed(p), p).toBe(false);
    }
  });

  it('lets through only app://snn, data:, blob:, devtools: and (in development) the dev server', () => {
    expect(isAllowedRequestUrl('app://snn/assets/index.js')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AA')).toBe(true);
    expect(isAllowedRequestUrl('blob:app://snn/123')).toBe(true);
    for (const url of ['https://example.com/x.js', 'http://localhost:5173/', 'file:///etc/passwd', 'app://other/x', 'ws://localhost:5173', 'not a url']) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
    const dev = 'http://localhost:5173/';
    expect(isAllowedRequestUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequestUrl('http://localhost:8080/', dev)).toBe(false);
    expect(isAllowedRequestUrl('https://cdn.example.com/', dev)).toBe(false);
  });

  it('turns on WebGPU switches only on Linux', () => {
    expect(gpuSwitches('linux')).toEqual([['enable-unsafe-webgpu'], ['enable-features', 'Vulkan']]);
    expect(gpuSwitches('win32')).toEqual([]);
    expect(gpuSwitches('darwin')).toEqual([]);
  });

  it('the development CSP adds only the inline React Refresh script and the dev server\'s own websocket', () => {
    const dev = devCsp('http://localhost:5173/');
    const directives = Object.fromEntries(dev.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'", "'unsafe-inline'", "'wasm-unsafe-eval'"]);
    expect(directives['connect-src']).toEqual(["'self'", 'ws://localhost:5173']);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(dev.replace(" 'unsafe-inline'", '').replace(' ws://localhost:5173', '')).toBe(PRODUCTION_CSP);
  });

  it('the start-up error box shows the message, never the stack', () => {
    const e = new Error('userData is not writable');
    expect(startupErrorText(e)).toBe('userData is not writable');
    expect(startupErrorText('plain')).toBe('plain');
  });
});
