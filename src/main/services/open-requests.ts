// Files the OS asks us to open (command line, double-click, second instance, Open Recent menu): queued until
// the page has taken the queue once (it is then listening), delivered as events after that. A reload starts
// queuing again, so no request is lost to a page that is not yet listening, and none is delivered twice.
export class OpenRequestQueue {
  private queue: string[] = [];
  private listening = false;

  /** True when the caller should send the path as an event now; false when it was queued. */
  push(path: string): boolean {
    if (this.listening) return true;
    if (!this.queue.includes(path)) this.queue.push(path);
    return false;
  }

  /** The queued paths (emptied); from now on the page is listening. */
  take(): string[] {
    const out = this.queue;
    this.queue = [];
    this.listening = true;
    return out;
  }

  /** The page (re)loads: it is not listening until it takes the queue again. */
  pageLoading(): void {
    this.listening = false;
  }
}
