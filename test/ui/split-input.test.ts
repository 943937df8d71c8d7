import { describe, expect, test } from "bun:test";
import type { Key } from "ink";
import { splitInputChunk } from "../../ui/components/split-input.ts";

const plain = { return: false, escape: false, ctrl: false, meta: false } as Key;
const shape = (input: string, key: Key = plain) => splitInputChunk(input, key).map((e) => (e.key.return ? "⏎" : e.input));

describe("one stdin read with text and Enter (a paste over SSH, typed-ahead keys)", () => {
  const cases: Array<[string, string[]]> = [
    ["ux-a\rsecret123456\r", ["ux-a", "⏎", "secret123456", "⏎"]],
    ["one\r\ntwo\n", ["one", "⏎", "two", "⏎"]],
    ["\r\r", ["⏎", "⏎"]],
    ["plain text", ["plain text"]],
    ["x", ["x"]],
  ];
  for (const [input, want] of cases) test(JSON.stringify(input), () => expect(shape(input)).toEqual(want));

  test("an escape sequence or a key Ink already named is left as it is", () => {
    expect(shape("\u001b[A")).toEqual(["\u001b[A"]);
    expect(shape("\r", { ...plain, return: true })).toEqual(["⏎"]);
  });
});
