// The typed contract between Electron main and the renderer: channel names (all `snn:`), zod schemas of every
// request and response, the menu commands, and `SnnApi`, the object the preload exposes as `window.snn`.
// Rules: every renderer→main call is `invoke` with ONE object payload and answers a Result (never throws);
// main→renderer messages are events with one object payload. Add a message here first, then in preload + main.
import { z } from 'zod';

export const IPC_PREFIX = 'snn:';

// ---------------------------------------------------------------------------------------------- results
/** Why a call failed, for the renderer to choose its message; `error` is the human sentence. */
export const ErrorCode = z.enum([
  'cancelled', // the user closed a dialog: not an error to show
  'not-allowed', // the path was not chosen by the user (dialog, recent list, command line)
  'read-only', // the file opened read-only (corrupt or newer version): it is never overwritten
  'invalid-payload', // the request did not match this contract
  'untrusted-sender', // the request came from a frame that is not the app
  'io', // the file system said no (permissions, disk full, missing file)
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const Failure = z.object({ ok: z.literal(false), error: z.string(), code: ErrorCode });
export type Failure = z.infer<typeof Failure>;

const result = <T extends z.ZodRawShape>(shape: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), ...shape }), Failure]);

/** Diagnostics as src/shared/graph reports them (kept structural so this file depends only on zod). */
export const IpcDiagnostic = z.object({
  severity: z.enum(['error', 'warning']),
  path: z.string(),
  message: z.string(),
  ownerId: z.string().optional(),
});

/** The longest file path the app handles (main ignores longer ones the OS hands it). */
export const MAX_PATH_CHARS = 4096;
/** An absolute file path as main reports it; the renderer sends back only paths main gave it. */
const FilePath = z.string().min(1, 'must not be empty').max(MAX_PATH_CHARS, `is longer than ${MAX_PATH_CHARS} characters`)
  .refine((p) => !p.includes('\0'), 'must not contain a NUL character');
/** Document text: JSON of a network document. The cap keeps one message from exhausting main's memory. */
export const MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;
const DocumentText = z.string().max(MAX_DOCUMENT_CHARS, `is longer than ${MAX_DOCUMENT_CHARS} characters`);
const Empty = z.object({}).strict();

// ----------------------------------------------------------------------------------------------- files
/**
 * A file that was read. `problem` says why it is read-only: `corrupt` (not JSON, wrong shape, bad values:
 * see `diagnostics`), `newer-version` (made by a newer SNN Studio) or `not-writable` (a valid document that
 * cannot be saved where it is: no permission or a read-only disk). Main refuses to save over a read-only
 * file; the renderer shows `message` and offers Save As to another name.
 */
export const OpenedFile = {
  path: FilePath,
  /** File name without folders, for the title bar. */
  name: z.string(),
  text: z.string(),
  readOnly: z.boolean(),
  problem: z.enum(['corrupt', 'newer-version', 'not-writable']).nullable(),
  /** Empty when the file is fine; else one sentence for a banner. */
  message: z.string(),
  diagnostics: z.array(IpcDiagnostic),
};
export const OpenResult = result(OpenedFile);
export type OpenResult = z.infer<typeof OpenResult>;

export const SaveResult = result({ path: FilePath, name: z.string(), savedAt: z.string() });
export type SaveResult = z.infer<typeof SaveResult>;

export const RecentFile = z.object({ path: FilePath, name: z.string(), openedAt: z.string() });
export type RecentFile = z.infer<typeof RecentFile>;
export const RecentResult = result({ files: z.array(RecentFile) });
export type RecentResult = z.infer<typeof RecentResult>;

export const OpenRequestsResult = result({ paths: z.array(FilePath) });
export type OpenRequestsResult = z.infer<typeof OpenRequestsResult>;

/** Exported weights written where the user chose (never granted for document saving). */
export const ExportWeightsResult = result({ path: FilePath, name: z.string(), savedAt: z.string() });
export type ExportWeightsResult = z.infer<typeof ExportWeightsResult>;
/** A weights file the user chose to load; main does not judge it (the renderer checks it against the network). */
export const ImportWeightsResult = result({ path: FilePath, name: z.string(), text: z.string() });
export type ImportWeightsResult = z.infer<typeof ImportWeightsResult>;
/** A NIR export main wrote (docs/formats.md, "NIR"): `warnings` name the facts kept only in metadata. */
export const ExportNirResult = result({ path: FilePath, name: z.string(), savedAt: z.string(), warnings: z.array(z.string()) });
export type ExportNirResult = z.infer<typeof ExportNirResult>;
/** A NIR file main read and turned into a network document (`text`, JSON); the file itself is not granted. */
export const ImportNirResult = result({ path: FilePath, name: z.string(), text: z.string() });
export type ImportNirResult = z.infer<typeof ImportNirResult>;

export const OkResult = result({});
export type OkResult = z.infer<typeof OkResult>;

// -------------------------------------------------------------------------------------------- recovery
export const RecoverySnapshot = z.object({
  text: DocumentText,
  /** The file the work belongs to, or null for an unsaved new document. */
  path: FilePath.nullable(),
  name: z.string(),
  savedAt: z.string(),
});
export type RecoverySnapshot = z.infer<typeof RecoverySnapshot>;
export const RecoveryCheckResult = result({ recovery: RecoverySnapshot.nullable() });
export type RecoveryCheckResult = z.infer<typeof RecoveryCheckResult>;

// -------------------------------------------------------------------------------------------- settings
/** Settings keys: short dotted names (`editor.snapToGrid`); values: any JSON, at most 64 KiB each. */
export const SettingKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must be a short name of letters, digits, _ . -');
export const MAX_SETTING_CHARS = 64 * 1024;
export const SettingGetResult = result({ value: z.json().nullable() });
export type SettingGetResult = z.infer<typeof SettingGetResult>;

// ------------------------------------------------------------------------------------------ app, window
export const AppInfoResult = result({
  version: z.string(),
  electron: z.string(),
  platform: z.enum(['linux', 'darwin', 'win32', 'other']),
});
export type AppInfoResult = z.infer<typeof AppInfoResult>;

export const UnsavedChoice = z.enum(['save', 'discard', 'cancel']);
export type UnsavedChoice = z.infer<typeof UnsavedChoice>;
export const UnsavedChoiceResult = result({ choice: UnsavedChoice });
export type UnsavedChoiceResult = z.infer<typeof UnsavedChoiceResult>;

/**
 * Commands the native menu sends; the renderer maps each to an action. File and Run items register their
 * accelerators (Ctrl/Cmd+N, O, S, Shift+S; F5 run, F6 pause, Shift+F5 stop, F10 step): in Electron the
 * renderer should not bind those keys itself. Edit and View items only *show* their keys (Ctrl/Cmd+Z, …):
 * the renderer handles those keys itself, so text fields keep their own undo, select-all and Delete.
 */
export const MENU_COMMANDS = [
  'file.new', 'file.open', 'file.save', 'file.saveAs', 'file.revert', 'file.examples', 'file.exportNir', 'file.importNir',
  'edit.undo', 'edit.redo', 'edit.duplicate', 'edit.delete', 'edit.selectAll',
  'view.zoomToFit', 'view.zoomIn', 'view.zoomOut', 'view.toggleMinimap', 'view.autoLayout',
  'run.run', 'run.pause', 'run.stop', 'run.step',
  'help.about', 'help.docs',
] as const;
export const MenuCommand = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof MenuCommand>;

// -------------------------------------------------------------------------------------------- channels
/** renderer → main (ipcRenderer.invoke / ipcMain.handle): request schema and response schema. */
export const INVOKE = {
  /** Open dialog, then read the chosen file. */
  'snn:files:open': { request: Empty, response: OpenResult },
  /** Read a file main already granted: one from listRecent(), or one from an `openFile` event. */
  'snn:files:openRecent': { request: z.object({ path: FilePath }).strict(), response: OpenResult },
  /** Save to `path` (a granted, writable file); without `path`, behaves as saveAs. */
  'snn:files:save': { request: z.object({ text: DocumentText, path: FilePath.optional() }).strict(), response: SaveResult },
  /** Save dialog (suggesting `suggestedName`), then save there. */
  'snn:files:saveAs': { request: z.object({ text: DocumentText, suggestedName: z.string().max(255).optional() }).strict(), response: SaveResult },
  'snn:files:listRecent': { request: Empty, response: RecentResult },
  /** Files the OS asked to open before the page was listening (command line, double-click): call once at
   *  start; later requests come as `openFile` events. Each path is granted. */
  'snn:files:takeOpenRequests': { request: Empty, response: OpenRequestsResult },
  'snn:files:clearRecent': { request: Empty, response: OkResult },
  /** Training tab: main checks `text` is a weights file (format only), then save dialog (suggesting
   *  `suggestedName`) and an atomic write. The path is not granted and not added to the recent list. */
  'snn:files:exportWeights': { request: z.object({ text: DocumentText, suggestedName: z.string().max(255).optional() }).strict(), response: ExportWeightsResult },
  /** Training tab: open dialog, then the chosen file's text (at most MAX_DOCUMENT_CHARS bytes). */
  'snn:files:importWeights': { request: Empty, response: ImportWeightsResult },
  /** File › Export NIR…: main builds the .nir file from the document text, asks where and writes it atomically. */
  'snn:files:exportNir': { request: z.object({ text: DocumentText, suggestedName: z.string().max(255).optional() }).strict(), response: ExportNirResult },
  /** File › Import NIR…: open dialog, then the chosen .nir file as a network document's text. */
  'snn:files:importNir': { request: Empty, response: ImportNirResult },
  /** Autosave the current work (call every few seconds while there are unsaved changes). */
  'snn:recovery:write': { request: z.object({ text: DocumentText, path: FilePath.nullable(), name: z.string().max(255) }).strict(), response: OkResult },
  /** What a previous session left after a crash (null when it closed cleanly). */
  'snn:recovery:check': { request: Empty, response: RecoveryCheckResult },
  /** Drop the recovery file: after a save, after the user declined recovery, on a clean close. */
  'snn:recovery:clear': { request: Empty, response: OkResult },
  /** A persisted setting (null when never set). */
  'snn:settings:get': { request: z.object({ key: SettingKey }).strict(), response: SettingGetResult },
  'snn:settings:set': { request: z.object({ key: SettingKey, value: z.json() }).strict(), response: OkResult },
  'snn:app:getVersion': { request: Empty, response: AppInfoResult },
  /** Native "Save changes to NAME?" box: the renderer calls it before close/open/new over unsaved work. */
  'snn:app:askUnsaved': { request: z.object({ name: z.string().max(255) }).strict(), response: UnsavedChoiceResult },
  /** Answer to a `closeRequested` event: `allow` true closes the window, false keeps it open. */
  'snn:app:confirmClose': { request: z.object({ allow: z.boolean() }).strict(), response: OkResult },
  /** Sent by the preload itself when the page (un)subscribes `app.onCloseRequested` (no SnnApi function):
   *  with no subscriber, main asks about unsaved work with its own native box instead of the event, so a
   *  page that does not take part in the handshake can never make the window impossible to close. */
  'snn:app:setCloseHandler': { request: z.object({ active: z.boolean() }).strict(), response: OkResult },
  'snn:window:setTitle': { request: z.object({ title: z.string().max(512) }).strict(), response: OkResult },
  /** The unsaved-changes mark (macOS dot in the close button; main also uses it to ask before closing). */
  'snn:window:setDocumentEdited': { request: z.object({ edited: z.boolean() }).strict(), response: OkResult },
} as const;
export type InvokeChannel = keyof typeof INVOKE;

/**
 * Main refuses a request whose payload is larger than this (characters of its strings and keys plus a few per
 * other value, counted before zod parses it; see main's services/ipc-validation.ts), or nested deeper than
 * MAX_PAYLOAD_DEPTH. Channels that carry a document allow one document; settings one value; others a little.
 */
export const DEFAULT_PAYLOAD_CHARS = 16 * 1024;
export const MAX_PAYLOAD_DEPTH = 64;
export const PAYLOAD_CHARS: Partial<Record<InvokeChannel, number>> = {
  'snn:files:save': MAX_DOCUMENT_CHARS + DEFAULT_PAYLOAD_CHARS,
  'snn:files:saveAs': MAX_DOCUMENT_CHARS + DEFAULT_PAYLOAD_CHARS,
  'snn:files:exportWeights': MAX_DOCUMENT_CHARS + DEFAULT_PAYLOAD_CHARS,
  'snn:files:exportNir': MAX_DOCUMENT_CHARS + DEFAULT_PAYLOAD_CHARS,
  'snn:recovery:write': MAX_DOCUMENT_CHARS + DEFAULT_PAYLOAD_CHARS,
  'snn:settings:set': MAX_SETTING_CHARS + 1024,
};
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof INVOKE)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof INVOKE)[C]['response']>;

/** main → renderer (webContents.send / ipcRenderer.on). */
export const EVENTS = {
  /** A menu item or its accelerator was used. */
  'snn:event:menuCommand': z.object({ command: MenuCommand }).strict(),
  /** The OS asked to open a file (command line, double-click, second instance, Open Recent menu). The path
   *  is granted; the renderer asks about unsaved work, then calls files.openRecent(path). */
  'snn:event:openFile': z.object({ path: FilePath }).strict(),
  /** The user tried to close the window while the document is edited (and the page subscribed with
   *  app.onCloseRequested): ask, save if wanted, then app.confirmClose(allow). */
  'snn:event:closeRequested': Empty,
} as const;
export type EventChannel = keyof typeof EVENTS;
export type EventPayload<C extends EventChannel> = z.output<(typeof EVENTS)[C]>;

export const INVOKE_CHANNELS = Object.keys(INVOKE) as InvokeChannel[];
export const EVENT_CHANNELS = Object.keys(EVENTS) as EventChannel[];

// ------------------------------------------------------------------------------------ the preload's API
type Unsubscribe = () => void;

/** `window.snn` in Electron. Each function is one message above; none throws (failures are results). */
export interface SnnApi {
  files: {
    open(): Promise<OpenResult>;
    openRecent(path: string): Promise<OpenResult>;
    save(text: string, path?: string): Promise<SaveResult>;
    saveAs(text: string, suggestedName?: string): Promise<SaveResult>;
    listRecent(): Promise<RecentResult>;
    clearRecent(): Promise<OkResult>;
    takeOpenRequests(): Promise<OpenRequestsResult>;
    onOpenFile(cb: (path: string) => void): Unsubscribe;
    exportWeights(text: string, suggestedName?: string): Promise<ExportWeightsResult>;
    importWeights(): Promise<ImportWeightsResult>;
    exportNir(text: string, suggestedName?: string): Promise<ExportNirResult>;
    importNir(): Promise<ImportNirResult>;
  };
  recovery: {
    write(text: string, path: string | null, name: string): Promise<OkResult>;
    check(): Promise<RecoveryCheckResult>;
    clear(): Promise<OkResult>;
  };
  settings: {
    get(key: string): Promise<SettingGetResult>;
    set(key: string, value: unknown): Promise<OkResult>;
  };
  app: {
    getVersion(): Promise<AppInfoResult>;
    askUnsaved(name: string): Promise<UnsavedChoiceResult>;
    confirmClose(allow: boolean): Promise<OkResult>;
    onCloseRequested(cb: () => void): Unsubscribe;
    onMenuCommand(cb: (command: MenuCommand) => void): Unsubscribe;
  };
  window: {
    setTitle(title: string): Promise<OkResult>;
    setDocumentEdited(edited: boolean): Promise<OkResult>;
  };
}

/** The name under which the preload exposes the API (`window.snn`). */
export const API_KEY = 'snn';

/** Turn a failed zod parse into one sentence naming the channel and the fields ("files.save: text: …"). */
export function describeIssues(channel: string, err: z.ZodError): string {
  const parts = err.issues.map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`);
  return `${channel}: invalid payload: ${parts.join('; ')}`;
}

declare global {
  /** Present in Electron (the preload sets it); undefined in the web build, which uses its own fallbacks. */
  interface Window {
    snn?: SnnApi;
  }
}
