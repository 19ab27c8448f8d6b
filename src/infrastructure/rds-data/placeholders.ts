/**
 * Finds the `$1`, `$2`, ... placeholders of a PostgreSQL statement the way PostgreSQL's lexer does: never inside a
 * string constant ('...', E'...' with backslash escapes), a quoted identifier ("..."), a dollar-quoted string
 * ($$...$$, $tag$...$tag$) or a comment (-- to the end of the line, nested /* *\/), and never as part of an
 * identifier (`a$1` is one name).
 */

/** One `$n` in a statement's text: `text.slice(start, end)` is `$` and the digits of `index`. */
export interface Placeholder {
  readonly start: number;
  readonly end: number;
  readonly index: number;
}

const IDENTIFIER_START = /[A-Za-z_\u0080-\uffff]/;
const IDENTIFIER_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DIGIT = /[0-9]/;

const isIdentifierPart = (char: string | undefined) => char !== undefined && IDENTIFIER_PART.test(char);

/** The index just past a quoted run that starts at `start` (a doubled quote stays inside); the end when unclosed. */
function skipQuoted(text: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const char = text[i]!;
    if (backslashEscapes && char === '\\') i += 2;
    else if (char !== quote) i += 1;
    else if (text[i + 1] === quote) i += 2;
    else return i + 1;
  }
  return text.length;
}

/** The index just past a comment that starts at `start` (`--` or a nested `/*`). */
function skipComment(text: string, start: number): number {
  if (text[start] === '-') {
    const newline = text.indexOf('\n', start);
    return newline < 0 ? text.length : newline + 1;
  }
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const pair = text.slice(i, i + 2);
    if (pair === '/*') depth += 1;
    else if (pair === '*/') depth -= 1;
    else {
      i += 1;
      continue;
    }
    i += 2;
    if (depth === 0) return i;
  }
  return text.length;
}

/** The `$tag$` opening a dollar-quoted string at `start`, if there is one there. */
function dollarTagAt(text: string, start: number): string | undefined {
  if (text[start + 1] === '$') return '$$';
  if (!IDENTIFIER_START.test(text[start + 1] ?? '')) return undefined;
  let i = start + 2;
  while (i < text.length && /[A-Za-z0-9_\u0080-\uffff]/.test(text[i]!)) i += 1;
  return text[i] === '$' ? text.slice(start, i + 1) : undefined;
}

type Token = { end: number; placeholder?: Placeholder };

/** A `$` not inside an identifier: a placeholder (`$1`), a dollar-quoted string (`$tag$...$tag$`), or neither. */
function dollarTokenAt(text: string, i: number): Token | undefined {
  if (DIGIT.test(text[i + 1] ?? '')) {
    let end = i + 1;
    while (DIGIT.test(text[end] ?? '')) end += 1;
    return { end, placeholder: { start: i, end, index: Number(text.slice(i + 1, end)) } };
  }
  const tag = dollarTagAt(text, i);
  if (tag === undefined) return undefined;
  const close = text.indexOf(tag, i + tag.length);
  return { end: close < 0 ? text.length : close + tag.length };
}

/** What starts at `i`: a placeholder (its end), a run to skip (its end), or nothing (undefined). */
function tokenAt(text: string, i: number): Token | undefined {
  const char = text[i]!;
  const pair = text.slice(i, i + 2);
  if (pair === '--' || pair === '/*') return { end: skipComment(text, i) };
  if (char === '"') return { end: skipQuoted(text, i, '"', false) };
  if (char === "'") {
    const escaped = /[eE]/.test(text[i - 1] ?? '') && !isIdentifierPart(text[i - 2]);
    return { end: skipQuoted(text, i, "'", escaped) };
  }
  return char === '$' && !isIdentifierPart(text[i - 1]) ? dollarTokenAt(text, i) : undefined;
}

/** Every placeholder of `text`, in order of appearance. */
export function placeholdersOf(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  let i = 0;
  while (i < text.length) {
    const token = tokenAt(text, i);
    if (token === undefined) {
      // An identifier is consumed whole, so that a `$` inside it is never read as a placeholder.
      i += isIdentifierPart(text[i]) ? identifierLength(text, i) : 1;
      continue;
    }
    if (token.placeholder) found.push(token.placeholder);
    i = token.end;
  }
  return found;
}

/** The length of the identifier (or number) at `start`: every `$` and digit in it belongs to it (`a$1` is one name). */
function identifierLength(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && isIdentifierPart(text[i])) i += 1;
  return i - start;
}
