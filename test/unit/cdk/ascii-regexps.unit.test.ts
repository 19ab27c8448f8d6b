import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { rewriteNonAsciiRegExps } from '../../../src/infrastructure/cdk/ascii-regexps';
import { rewriteBundleFile } from '../../../src/infrastructure/cdk/ascii-regexps-file';

/** Pattern pieces valid with and without the `u` flag, some outside ASCII (one beyond the BMP). */
const piece = fc.constantFrom(
  'a',
  'Z',
  '9',
  'é',
  'Ə',
  'ß',
  '·',
  '€',
  '日',
  '😀',
  '\\d',
  '\\s',
  '\\/',
  '.',
  '[A-ZÇƏĞ]',
  '[^é-ö]',
  '(?:x|ü)',
  '(ñ)',
);
const quantifier = fc.constantFrom('', '', '*', '+', '?', '{1,3}');
const pattern = fc
  .array(fc.tuple(piece, quantifier), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.map(([p, q]) => p + q).join(''));
const flags = fc.subarray(['g', 'i', 'm', 's', 'u', 'y']).map((f) => f.join(''));
const sample = fc.string({ unit: 'grapheme', maxLength: 12 });

type Evaluated = { source: string; flags: string; matches: boolean[] }[];

function evaluate(code: string, inputs: readonly string[]): Evaluated {
  const regexps = runInNewContext(code) as RegExp[];
  return regexps.map((r) => ({
    source: r.source,
    flags: r.flags,
    matches: inputs.map((input) => new RegExp(r.source, r.flags.replace(/[gy]/g, '')).test(input)),
  }));
}

describe('rewriting non-ASCII regular expression literals of a bundle', () => {
  it('keeps source, flags and matches of every literal and leaves no character outside ASCII (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(pattern, flags), { minLength: 1, maxLength: 4 }),
        fc.array(sample, { maxLength: 6 }),
        (literals, inputs) => {
          const code = `[${literals.map(([p, f]) => `/${p}/${f}`).join(',')}]`;
          const rewritten = rewriteNonAsciiRegExps({ code }).code;
          expect(rewritten).not.toMatch(/[\u0080-\uffff]/);
          expect(evaluate(rewritten, inputs)).toEqual(evaluate(code, inputs));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves division, strings, comments and ASCII-only literals as they are', () => {
    const code = 'var a=b/c/d,s="/é/",t=/x+/g;// /é/\nvar u=`/é/`;';
    expect(rewriteNonAsciiRegExps({ code }).code).toBe(code);
    expect(rewriteNonAsciiRegExps({ code: 'return/é/.test(x)' }).code).toBe(
      'return new RegExp("\\u00e9","").test(x)',
    );
  });

  it('moves the source map so that code after a rewritten literal still maps to where it came from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventfold-ascii-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        'export const alpha = /^[A-VXYZÇƏĞİıÖŞÜ]+$/i;',
        'export const first = "marker-one";',
        'export function after(x: string): boolean { return alpha.test(x) && /ü/.test(x) && x !== first; }',
        'export const second = "marker-two";',
      ].join('\n'),
    );
    const outfile = join(dir, 'index.js');
    buildSync({ entryPoints: [entry], outfile, bundle: true, minify: true, sourcemap: true, format: 'cjs' });
    const originalsOf = (code: string, map: TraceMap) =>
      ['"marker-one"', '"marker-two"'].map((marker) => {
        const lines = code.split('\n');
        const line = lines.findIndex((l) => l.includes(marker));
        return originalPositionFor(map, { line: line + 1, column: lines[line]!.indexOf(marker) });
      });
    const before = readFileSync(outfile, 'utf8');
    const expected = originalsOf(before, new TraceMap(readFileSync(`${outfile}.map`, 'utf8')));
    expect(expected.map((position) => position.line)).toEqual([2, 4]);
    rewriteBundleFile(outfile);
    const after = readFileSync(outfile, 'utf8');
    expect(after).not.toBe(before);
    expect(after).not.toMatch(/[\u0080-\uffff]/);
    expect(originalsOf(after, new TraceMap(readFileSync(`${outfile}.map`, 'utf8')))).toEqual(expected);
  });
});
