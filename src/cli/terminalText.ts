// Text from files, feeds and the database reaches the user's terminal through the CLI. Control
// characters in it would be obeyed by the terminal (ESC sequences recolour, move the cursor,
// retitle the window, write to the clipboard; CR and line feeds forge lines), so every such
// string is printed through `forTerminal`, which shows them as visible escapes instead.

// C0 controls, DEL, C1 controls, the Unicode line/paragraph separators and the bidirectional
// overrides and isolates (which reorder what follows them on the line).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`;
}

/**
 * `text` safe to print: control characters become `\x1b`, `\x07`, `\u202e`… Backslashes stay as
 * they are. `keepNewlines` lets line feeds through, for messages whose own lines are meant (the
 * parts quoted from files must then be escaped without it first).
 */
export function forTerminal(text: string, opts: { keepNewlines?: boolean } = {}): string {
  return text.replace(opts.keepNewlines ? UNSAFE_BUT_NEWLINE : UNSAFE, visible);
}
