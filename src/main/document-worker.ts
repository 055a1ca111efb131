// A worker thread that judges one large network document (parse with the bounded reader, validate, version
// check: src/main/services/document-file.ts) so the main process's event loop — every window's IPC, menus,
// dialogs — is not blocked for the seconds a 100 MB document takes. Built by electron-vite next to
// out/main/index.cjs as out/main/document-worker.cjs (electron.vite.config.ts); docs/electron.md.
import { parentPort, workerData } from 'node:worker_threads';
import { judgeDocumentText } from './services/document-file';

const { path, text } = workerData as { path: string; text: string };
// The text stays with the caller (it has it already): only the verdict goes back.
const { text: _text, ...verdict } = judgeDocumentText(path, text);
parentPort!.postMessage(verdict);
