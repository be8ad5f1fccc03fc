// Reads the browser's text selection inside the transcript reader as line
// ids and code-point offsets, which is how annotations name words.

export interface WordsSelection {
  fromLine: string;
  toLine: string;
  startChar: number;
  endChar: number;
  quote: string;
}

function lineTextOf(node: Node | null): HTMLElement | null {
  const el = node instanceof HTMLElement ? node : (node?.parentElement ?? null);
  return el?.closest<HTMLElement>('[data-line-text]') ?? null;
}

/** Code points before a UTF-16 offset within an element's text. */
function codePointsBefore(el: HTMLElement, container: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  range.setEnd(container, offset);
  return [...range.toString()].length;
}

/** The selected words when the selection starts and ends inside transcript lines of `root`. */
export function readWordsSelection(root: HTMLElement | null): WordsSelection | null {
  const sel = window.getSelection();
  if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const start = lineTextOf(range.startContainer);
  const end = lineTextOf(range.endContainer);
  if (!start || !end || !root.contains(start) || !root.contains(end)) return null;
  const startChar = codePointsBefore(start, range.startContainer, range.startOffset);
  const endChar = codePointsBefore(end, range.endContainer, range.endOffset);
  const fromLine = start.dataset.lineText!;
  const toLine = end.dataset.lineText!;
  if (fromLine === toLine && endChar <= startChar) return null;
  const quote = range.toString().trim();
  if (!quote) return null;
  return { fromLine, toLine, startChar, endChar, quote };
}
