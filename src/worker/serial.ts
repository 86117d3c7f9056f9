/**
 * Runs async jobs one after another. Every command that touches the run goes through one queue,
 * so a task switch that arrives while a burst of steps is in flight waits for it, and a burst of
 * commands can never interleave half-way.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => T | Promise<T>): Promise<T> {
    const next = this.tail.then(job);
    // A failed job must not block the ones after it; the caller still sees the failure.
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** Yields to the event loop so commands are seen between steps; faster than setTimeout(0). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
