/**
 * What the members gave: texts no forget covers yet, and texts a completed forget covers (over every run). A forgotten
 * member id stays forgotten, so what it is given afterwards is covered at once: it must never be readable either.
 */
export class Given {
  readonly pending = new Map<string, string[]>();
  readonly forgotten = new Set<string>();
  readonly all = new Set<string>();
  /** Members forgotten at least once. */
  readonly forgottenMembers = new Set<string>();
  commands = 0;
  forgets = 0;
  add(m: string, texts: string[]): void {
    texts.forEach((t) => this.all.add(t));
    if (this.forgottenMembers.has(m)) texts.forEach((t) => this.forgotten.add(t));
    else this.pending.set(m, [...(this.pending.get(m) ?? []), ...texts]);
  }
  forget(m: string): void {
    (this.pending.get(m) ?? []).forEach((t) => this.forgotten.add(t));
    this.pending.set(m, []);
    this.forgottenMembers.add(m);
    this.forgets++;
  }
}
