/** One bar. */
export interface Bar {
  readonly label: string;
  readonly value: number;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A generous width of one character at the labels' font size (12 px sans-serif), in px. */
export const LABEL_CHAR_WIDTH = 7;

/**
 * A horizontal bar chart as a standalone SVG document, with a reference line at 1.0. The label column is as
 * wide as the longest label needs, so no label runs off the left edge.
 */
export function barChartSvg(title: string, bars: readonly Bar[]): string {
  const longest = Math.max(0, ...bars.map((b) => b.label.length));
  const labelWidth = Math.max(160, longest * LABEL_CHAR_WIDTH + 16);
  const plotWidth = 420;
  const rowHeight = 26;
  const top = 40;
  const max = Math.max(1.2, ...bars.map((b) => b.value));
  const scale = (v: number) => (v / max) * plotWidth;
  const height = top + bars.length * rowHeight + 30;
  const rows = bars.map((bar, i) => {
    const y = top + i * rowHeight;
    return [
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" font-size="12">${escapeXml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${scale(bar.value).toFixed(1)}" height="18" fill="#3b82f6"/>`,
      `<text x="${labelWidth + scale(bar.value) + 6}" y="${y + 17}" font-size="12">${bar.value.toFixed(2)}</text>`,
    ].join('');
  });
  const oneX = labelWidth + scale(1);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + plotWidth + 80}" height="${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="24" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    ...rows,
    `<line x1="${oneX}" y1="${top}" x2="${oneX}" y2="${height - 24}" stroke="#ef4444" stroke-dasharray="4 3"/>`,
    `<text x="${oneX + 4}" y="${height - 10}" font-size="11" fill="#ef4444">1.0 = raw SDK</text>`,
    '</svg>',
    '',
  ].join('\n');
}
