/**
 * The character classes of Go's regexp/syntax (perl_groups.go), as inclusive code point ranges:
 * the Perl classes \d \s \w and the 14 POSIX classes [[:alnum:]] … [[:xdigit:]] (ASCII only, as
 * in Go). Shared by the template engine's RandomString charsets and the preflight regexp port.
 */

/** An inclusive code point range [lo, hi]. */
export type CharRange = [number, number];

const DIGIT: CharRange[] = [[0x30, 0x39]];
const SPACE: CharRange[] = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];
const WORD: CharRange[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];

/** Go's perlGroup: \d \s \w by their lower-case letter (the upper-case forms are their complements). */
export const PERL_CLASSES: Record<string, CharRange[]> = { d: DIGIT, s: SPACE, w: WORD };

/** Go's posixGroup: [[:NAME:]] by NAME ([[:^NAME:]] is the complement). */
export const POSIX_CLASSES: Record<string, CharRange[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};
