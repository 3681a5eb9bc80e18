/**
 * Text from people (comments, names, notes, titles) inside a robot's markdown. WeCom and DingTalk
 * markdown have no reliable backslash escape, and both read `<@userid>`, `<font>`, `[text](url)`,
 * `**bold**` and headings; DingTalk also mentions a mobile written as `@138…` when the message
 * lists it. So every character that can start markup is replaced by its full-width twin (what a
 * reader sees is the same text), and nothing a user typed can mention, link or format.
 */
const FULL_WIDTH: Readonly<Record<string, string>> = {
  '<': '＜',
  '>': '＞',
  '[': '［',
  ']': '］',
  '(': '（',
  ')': '）',
  '*': '＊',
  _: '＿',
  '`': '｀',
  '~': '～',
  '#': '＃',
  '@': '＠',
  '&': '＆',
  '!': '！',
  '|': '｜',
  '\\': '＼',
};

const MARKUP = /[<>[\]()*_`~#@&!|\\]/g;

/** The text with every markdown and mention character replaced by its full-width twin. */
export function escapeRobotMarkdown(text: string): string {
  return text.replace(MARKUP, (char) => FULL_WIDTH[char]!);
}
