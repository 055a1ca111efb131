// What the renderer needs from its host for files and settings, the same in Electron (window.snn, the preload
// API of src/shared/ipc.ts) and in a plain browser (File System Access API or upload/download, IndexedDB).

/** Where a document lives, opaque to the editor: a path in Electron, a file handle on the web, or nothing. */
export interface FileRef {
  /** File name for the title bar, e.g. `lif-neuron.snn.json`. */
  name: string;
  /** Electron: the absolute path main handed us. */
  path?: string;
  /** Web with the File System Access API: the handle to write back to. */
  handle?: FileSystemFileHandleLike;
}

/** The subset of FileSystemFileHandle we use (the DOM typings lack the picker API in some versions). */
export interface FileSystemFileHandleLike {
  readonly name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
  /** Chromium's permission API on handles (absent on stand-ins and older browsers). */
  queryPermission?(o: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
  requestPermission?(o: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
  isSameEntry?(other: FileSystemFileHandleLike): Promise<boolean>;
}

/** One file of Open Recent, newest first. */
export interface RecentItem {
  name: string;
  /** ISO time it was last opened or saved. */
  openedAt: string;
  /** What to pass to `reopen`. */
  ref: FileRef;
  /** Where it is (Electron: the path), for a tooltip. */
  detail?: string;
}

export interface OpenedFile {
  ref: FileRef;
  text: string;
  /** The host refuses to write over it (Electron: a corrupt, newer-version or not-writable file). */
  readOnly?: boolean;
}

/** The last autosaved state of the editor, kept across reloads and crashes. */
export interface AutosaveEntry {
  text: string;
  /** Name of the file it came from, if any. */
  fileName: string | null;
  /** Electron: the path of that file. */
  path?: string | null;
  savedAt: string;
  /** Whether it held changes not saved to its file (a clean state is kept too, to reopen it after a reload). */
  dirty?: boolean;
}

export type SaveResult = { ok: true; ref: FileRef } | { ok: false; cancelled: true } | { ok: false; cancelled: false; message: string };

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

export interface Platform {
  readonly kind: 'electron' | 'web';
  /** Asks the user for a file; null when they cancel; throws an Error with a sentence when it cannot be read. */
  openFile(): Promise<OpenedFile | null>;
  /** Reads `ref` again (Revert, Open Recent, a file the OS asked to open); throws with a sentence if it cannot. */
  reopen(ref: FileRef): Promise<OpenedFile>;
  /** Whether `ref` can be read again without asking the user (a path or a file handle). */
  canReopen(ref: FileRef | null): boolean;
  /** Files the OS asks to open (double-click, command line, Open Recent menu), including those asked for
   *  before the call. Returns an unsubscribe function. */
  onOpenFile(cb: (ref: FileRef) => void): () => void;
  /** Writes to `ref` when it can be written in place, else asks where (like saveFileAs). */
  saveFile(text: string, ref: FileRef | null, suggestedName: string): Promise<SaveResult>;
  /** Always asks where to save. */
  saveFileAs(text: string, suggestedName: string): Promise<SaveResult>;
  autosave: {
    write(entry: AutosaveEntry): Promise<void>;
    read(): Promise<AutosaveEntry | null>;
    clear(): Promise<void>;
  };
  /** "Save changes to NAME?" before closing, opening or starting over unsaved work. */
  askUnsaved(name: string): Promise<UnsavedChoice>;
  /** Window title and the unsaved-changes mark (document.title on the web). */
  setTitle(title: string, edited: boolean): void;
  /** Electron asks before closing an edited window: `cb` decides (ask, save) and answers with `allow`.
   *  The web build keeps unsaved work in autosave, so it never asks. Returns an unsubscribe function. */
  onCloseRequested(cb: () => Promise<boolean>): () => void;
  /** Menu commands (Electron's native menu); the web build has none. Returns an unsubscribe function. */
  onMenuCommand(cb: (command: string) => void): () => void;
  recent: {
    /** Why this host keeps no recent files (the web build without the File System Access API); else absent. */
    readonly unavailable?: string;
    /** Newest first, at most RECENT_LIMIT. */
    list(): Promise<RecentItem[]>;
    /** Records a file just opened or saved (Electron's main records its own: a no-op there). */
    add(ref: FileRef): Promise<void>;
    clear(): Promise<void>;
  };
  settings: {
    get(key: string): Promise<unknown>;
    set(key: string, value: unknown): Promise<void>;
  };
}
