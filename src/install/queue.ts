/**
 * A single-consumer async queue: producers push, one `for await` drains. `close()` ends the
 * iteration after the buffered items; `fail(err)` ends it by throwing `err` after them.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiting?: () => void;
  private closed = false;
  private error?: { err: unknown };

  push(item: T): void {
    if (this.closed) return;
    this.items.push(item);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  fail(err: unknown): void {
    if (this.closed) return;
    this.error = { err };
    this.close();
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      while (this.items.length > 0) yield this.items.shift()!;
      if (this.closed) {
        if (this.error) throw this.error.err;
        return;
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }
}
