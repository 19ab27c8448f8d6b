import { type BenchReport, toMarkdown } from '../../../bench/lib/report';

const report = (quick: boolean): BenchReport => ({
  startedAt: '2026-11-23T13:39:33.410Z',
  machine: { cpus: 2, memoryGiB: 24, node: 'v20.20.2', platform: 'linux' },
  quick,
  rows: [
    {
      suite: 'load',
      case: '100 events',
      subject: 'snapshot every 100',
      metric: 'load time (median)',
      value: 7.9,
      unit: 'ms',
    },
  ],
  targets: [
    { target: 'faster than castore (1-event commits)', measured: '1.34x', met: true },
    { target: 'load within 1.5x', measured: '2.00x', met: false },
  ],
});

describe('bench report', () => {
  it('states the verdicts of a full run as they are', () => {
    const markdown = toMarkdown(report(false));
    expect(markdown).toContain('# eventfold benchmark — 2026-11-23T13:39:33.410Z');
    expect(markdown).toContain('| faster than castore (1-event commits) | 1.34x | met |');
    expect(markdown).toContain('| load within 1.5x | 2.00x | NOT met |');
    expect(markdown).not.toMatch(/quick/i);
  });

  it('marks a quick run and every verdict of it as indicative, with the reason above the targets', () => {
    const markdown = toMarkdown(report(true));
    expect(markdown).toContain('# eventfold benchmark (quick run) — 2026-11-23T13:39:33.410Z');
    expect(markdown).toContain(
      '| faster than castore (1-event commits) | 1.34x | met (quick run: indicative) |',
    );
    expect(markdown).toContain('| load within 1.5x | 2.00x | NOT met (quick run: indicative) |');
    const note = markdown.indexOf('too few to tell subjects a few percent apart');
    expect(note).toBeGreaterThan(markdown.indexOf('| load | 100 events'));
    expect(note).toBeLessThan(markdown.indexOf('| target | measured | verdict |'));
  });
});
