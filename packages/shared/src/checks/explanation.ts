/** A 说明 counts when it says something: at least this many characters besides spaces and punctuation. */
export const EXPLANATION_MIN_CHARS = 4;

const NOT_WORDS = /[\s\p{P}\p{S}]/gu;

/** Whether a note is a 说明 a reviewer can read (核实性审核): "核实无误" is, "ok", "。。。" and "  " are not. */
export function hasExplanation(note: string | null | undefined): boolean {
  return [...(note ?? '').replace(NOT_WORDS, '')].length >= EXPLANATION_MIN_CHARS;
}
