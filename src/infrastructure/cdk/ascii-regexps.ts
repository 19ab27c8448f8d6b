import { decode, encode, type SourceMapMappings } from '@jridgewell/sourcemap-codec';
import { type Token, tokenizer, tokTypes } from 'acorn';

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_UNITS = /[\u0080-\uffff]/g;

/** acorn's token, with the value its typings leave out (a regular expression's pattern and flags). */
type RegExpToken = Token & { readonly value: { readonly pattern: string; readonly flags: string } };

/** A regular expression literal rewritten, with its place in the code. */
interface Rewrite {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Every UTF-16 unit outside ASCII as a `\uXXXX` escape (surrogate pairs as two escapes, as in a string). */
function escapeNonAscii(text: string): string {
  return text.replace(NON_ASCII_UNITS, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The regular expression literals holding characters outside ASCII, each as an equal `new RegExp` call. */
function rewritesOf(code: string): Rewrite[] {
  const rewrites: Rewrite[] = [];
  for (const token of tokenizer(code, { ecmaVersion: 'latest', allowHashBang: true })) {
    if (token.type !== tokTypes.regexp || !NON_ASCII.test(code.slice(token.start, token.end))) continue;
    const { pattern, flags } = (token as RegExpToken).value;
    const text = ` new RegExp(${escapeNonAscii(JSON.stringify(pattern))},${JSON.stringify(flags)})`;
    rewrites.push({ start: token.start, end: token.end, text });
  }
  return rewrites;
}

/** Line and column (UTF-16 units, as source maps count) of each offset, for offsets in ascending order. */
function positionsOf(code: string, offsets: readonly number[]): { line: number; column: number }[] {
  const positions: { line: number; column: number }[] = [];
  let line = 0;
  let lineStart = 0;
  let at = 0;
  for (const offset of offsets) {
    for (; at < offset; at += 1) {
      if (code.charCodeAt(at) === 10) {
        line += 1;
        lineStart = at + 1;
      }
    }
    positions.push({ line, column: offset - lineStart });
  }
  return positions;
}

/** Where a rewrite sits on its generated line, in the columns before any rewrite. */
interface LineRewrite {
  readonly column: number;
  readonly end: number;
  readonly added: number;
}

/** A segment's new column: moved by what the rewrites before it added; one inside a rewrite goes to its start. */
function shiftedColumn(column: number, rewrites: readonly LineRewrite[]): number {
  let added = 0;
  for (const rewrite of rewrites) {
    if (column >= rewrite.end) added += rewrite.added;
    else if (column > rewrite.column) return rewrite.column + added;
  }
  return column + added;
}

/** Moves the generated columns of a source map's segments past each rewrite by the length it added. */
function shiftMappings(mappings: SourceMapMappings, code: string, rewrites: readonly Rewrite[]): void {
  const byLine = new Map<number, LineRewrite[]>();
  positionsOf(
    code,
    rewrites.map((r) => r.start),
  ).forEach(({ line, column }, index) => {
    const rewrite = rewrites[index]!;
    const length = rewrite.end - rewrite.start;
    const onLine = byLine.get(line) ?? [];
    onLine.push({ column, end: column + length, added: rewrite.text.length - length });
    byLine.set(line, onLine);
  });
  for (const [line, onLine] of byLine) {
    for (const segment of mappings[line] ?? []) segment[0] = shiftedColumn(segment[0], onLine);
  }
}

/** A bundle's code and, when it has one, its source map (JSON). */
export interface BundleText {
  readonly code: string;
  readonly map?: string;
}

/**
 * Rewrites the regular expression literals of a bundle that hold characters outside ASCII into equal
 * `new RegExp("...", "flags")` calls with those characters escaped, and moves the source map to match.
 *
 * Why: esbuild escapes such characters everywhere but in regular expression literals (where an escape would
 * change the regexp's `source`). One such character makes V8 keep the whole script's source as two-byte text:
 * validator.js (under class-validator) has dozens of them, so every function bundle carried about 1.5 MiB more
 * live heap. The same pattern and flags give the same `source`, `flags` and matches; only the object is made
 * by the constructor, as a literal makes a new one each time it is evaluated too.
 * @example
 * rewriteNonAsciiRegExps({ code: 'const a=/[é]/i;' }).code; // 'const a= new RegExp("[\\u00e9]","i");'
 */
export function rewriteNonAsciiRegExps(bundle: BundleText): BundleText {
  const rewrites = rewritesOf(bundle.code);
  if (rewrites.length === 0) return bundle;
  let code = '';
  let last = 0;
  for (const rewrite of rewrites) {
    code += bundle.code.slice(last, rewrite.start) + rewrite.text;
    last = rewrite.end;
  }
  code += bundle.code.slice(last);
  if (bundle.map === undefined) return { code };
  const map = JSON.parse(bundle.map) as { mappings: string };
  const mappings = decode(map.mappings);
  shiftMappings(mappings, bundle.code, rewrites);
  return { code, map: JSON.stringify({ ...map, mappings: encode(mappings) }) };
}
