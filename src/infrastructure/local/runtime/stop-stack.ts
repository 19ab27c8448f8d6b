/** Things to stop, stopped in the reverse order they were started; each runs once even if stop is called twice. */
export class StopStack {
  private readonly steps: Array<() => Promise<unknown>> = [];
  private stopping?: Promise<void>;

  push(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const step of this.steps.splice(0).reverse()) await step().catch(() => undefined);
    })();
    return this.stopping;
  }
}
