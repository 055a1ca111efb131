// The run, training and sweep controllers (../run/controller.ts, ../train/controller.ts,
// ../analysis/sweep.ts) are read by the UI through useSyncExternalStore: a state with its status message, a
// version that increases on every change (the snapshot), and listeners told of each change. That part, once.

export class StatusStore<S extends string> {
  message = '';
  /** Increases on every change, for useSyncExternalStore. */
  version = 0;
  private listeners = new Set<() => void>();

  constructor(public state: S) {}

  subscribe = (l: () => void) => { this.listeners.add(l); return () => { this.listeners.delete(l); }; };

  protected set(state: S, message: string) {
    this.state = state;
    this.message = message;
    this.emit();
  }

  /** A change: the version moves on and every listener hears of it. */
  protected emit() {
    this.version++;
    for (const l of [...this.listeners]) l();
  }
}
