import type fc from 'fast-check';
import type { SubjectKeys } from '../../../src/domain/personal/subject-keys';
import type { InMemorySubjectKeys } from '../../../src/testing';

/**
 * A keys table reached over the network: each request is sent, takes effect and is answered at moments the
 * scheduler picks, so fetches, first uses and destroys of one subject overlap in every order. With `scheduled`
 * off, requests go straight to the table (for a set-up or a check that should not race).
 */
export class ScheduledKeys implements SubjectKeys {
  scheduled = true;
  constructor(
    private readonly s: fc.Scheduler,
    readonly table: InMemorySubjectKeys,
  ) {}
  private async call<T>(label: string, request: () => Promise<T>): Promise<T> {
    if (!this.scheduled) return request();
    await this.s.schedule(Promise.resolve(), `${label} reaches the table`);
    const answer = await request();
    await this.s.schedule(Promise.resolve(), `${label} answered`);
    return answer;
  }
  keyFor = (subject: string) => this.call('keyFor', () => this.table.keyFor(subject));
  existingKey = (subject: string) => this.call('existingKey', () => this.table.existingKey(subject));
  destroy = (subject: string) => this.call('destroy', () => this.table.destroy(subject));
}
