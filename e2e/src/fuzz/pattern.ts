import type { Rng } from './random';

/**
 * Strings matching a regular expression of the kind JSON schemas carry (anchors, literals,
 * escapes \d \w \s, classes with ranges, groups, alternation, ? * + {m,n}). Open-ended
 * repetitions draw at most a few extra characters: a valid example, not an oversize one.
 */
export function samplePattern(pattern: string, rng: Rng): string {
  const parser = new PatternParser(pattern);
  const node = parser.alternation();
  return render(node, rng);
}

type Node =
  | { kind: 'chars'; chars: string }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const DIGITS = '0123456789';
const WORD = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}_`;
const ESCAPES: Record<string, string> = { d: DIGITS, w: WORD, s: ' ' };
/** How many characters beyond the minimum an open repetition (`*`, `+`, `{m,}`) may add. */
const OPEN_EXTRA = 4;

class PatternParser {
  private at = 0;
  constructor(private readonly source: string) {}

  alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      if (atom) items.push(this.quantified(atom));
    }
    return { kind: 'seq', items };
  }

  private atom(): Node | undefined {
    const c = this.source[this.at++] ?? '';
    if (c === '^' || c === '$') return undefined;
    if (c === '(') {
      if (this.source.startsWith('?:', this.at)) this.at += 2;
      const inner = this.alternation();
      this.at++; // ')'
      return inner;
    }
    if (c === '[') return { kind: 'chars', chars: this.charClass() };
    if (c === '\\') return { kind: 'chars', chars: this.escape() };
    if (c === '.') return { kind: 'chars', chars: WORD };
    return { kind: 'chars', chars: c };
  }

  private escape(): string {
    const c = this.source[this.at++] ?? '';
    return ESCAPES[c] ?? c;
  }

  private charClass(): string {
    let chars = '';
    if (this.peek() === '^') throw new Error(`negated classes are not sampled: ${this.source}`);
    while (this.at < this.source.length && this.peek() !== ']') {
      const c = this.source[this.at++] ?? '';
      if (c === '\\') {
        chars += this.escape();
        continue;
      }
      if (this.peek() === '-' && this.source[this.at + 1] !== ']' && this.at + 1 < this.source.length) {
        this.at++;
        const end = this.source[this.at++] ?? c;
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) chars += String.fromCharCode(code);
        continue;
      }
      chars += c;
    }
    this.at++; // ']'
    return chars;
  }

  private quantified(node: Node): Node {
    const c = this.peek();
    if (c === '?') return this.take(1, { kind: 'repeat', node, min: 0, max: 1 });
    if (c === '*') return this.take(1, { kind: 'repeat', node, min: 0, max: OPEN_EXTRA });
    if (c === '+') return this.take(1, { kind: 'repeat', node, min: 1, max: 1 + OPEN_EXTRA });
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
    if (!braces) return node;
    this.at += braces[0].length;
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : min + OPEN_EXTRA;
    return { kind: 'repeat', node, min, max };
  }

  private take(length: number, node: Node): Node {
    this.at += length;
    return node;
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }
}

function render(node: Node, rng: Rng): string {
  switch (node.kind) {
    case 'chars':
      return node.chars[rng.int(0, node.chars.length - 1)] ?? '';
    case 'seq':
      return node.items.map((n) => render(n, rng)).join('');
    case 'alt':
      return render(rng.pick(node.options), rng);
    case 'repeat': {
      const count = rng.int(node.min, Math.min(node.max, node.min + OPEN_EXTRA));
      return Array.from({ length: count }, () => render(node.node, rng)).join('');
    }
  }
}
