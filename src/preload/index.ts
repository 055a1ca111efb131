// The preload (sandboxed, built as CommonJS to out/preload/index.cjs): exposes `window.snn` and nothing else.
// All logic is in ./api.ts; this file only hands it Electron's contextBridge and ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeSnnApi } from './api';

exposeSnnApi(contextBridge, ipcRenderer);
