import { useEffect, useRef, useState } from 'preact/hooks';
// Copying a piece of text for the person, with a fallback where the Clipboard API is refused.

/** Copies `text`; if the Clipboard API is refused, selects `fallbackNode` and tries the old way. */
export async function copyText(text: string, fallbackNode: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (insecure origin or permissions): select the text instead.
    if (!fallbackNode) return false;
    const range = document.createRange();
    range.selectNodeContents(fallbackNode);
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/** A copy button's state: `copy(text)` copies (selecting `node`'s text if the
 * clipboard is refused) and `copied` says how it went for a moment after. */
export function useCopy() {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const node = useRef<HTMLElement>(null);
  const reset = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(reset.current), []);

  async function copy(text: string) {
    const ok = await copyText(text, node.current);
    setCopied(ok ? 'copied' : 'failed');
    clearTimeout(reset.current);
    reset.current = setTimeout(() => setCopied('idle'), 2500);
  }
  return { copied, node, copy };
}
