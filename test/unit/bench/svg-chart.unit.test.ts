import { barChartSvg, LABEL_CHAR_WIDTH } from '../../../bench/lib/svg-chart';

/** The x of each right-aligned label's end and its text. */
function labels(svg: string): Array<{ x: number; text: string }> {
  return [
    ...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="end" font-size="12">([^<]*)<\/text>/g),
  ].map((m) => ({ x: Number(m[1]), text: m[2]! }));
}

describe('barChartSvg', () => {
  it('makes the label column wide enough for its longest label', () => {
    const long = '10-event commits, 32 in flight · eventfold (expected version checked)';
    const svg = barChartSvg('append', [
      { label: 'short', value: 1 },
      { label: long, value: 0.9 },
    ]);
    const found = labels(svg);
    expect(found.map((l) => l.text)).toEqual(['short', long]);
    for (const label of found)
      expect(label.x - label.text.length * LABEL_CHAR_WIDTH).toBeGreaterThanOrEqual(0);
    const width = Number(/<svg [^>]*width="(\d+)"/.exec(svg)![1]);
    const bar = /<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(svg)!;
    expect(Number(bar[1]) + Number(bar[2])).toBeLessThan(width);
  });

  it('escapes labels and draws one bar per value', () => {
    const svg = barChartSvg('a <b> & c', [
      { label: 'x < y', value: 1.5 },
      { label: 'z', value: 0.5 },
    ]);
    expect(svg).toContain('a &lt;b&gt; &amp; c');
    expect(svg).toContain('x &lt; y');
    expect(svg.match(/fill="#3b82f6"/g)).toHaveLength(2);
  });
});
