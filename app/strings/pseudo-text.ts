/**
 * The pseudo-locale's way with text (PSEUDO, en-XB): English made to look foreign, so a layout's mistakes show
 * before a real translation does. Every message is accented (a text that isn't in a catalogue stays plain and
 * stands out), a third longer (German and others run long), and written right to left (the page is dir="rtl",
 * and the text itself is reversed with a right-to-left override, as Android's ar-XB does). Development only
 * (decision 037).
 */
const ACCENTED: Record<string, string> = {
  ...Object.fromEntries(
    [..."abcdeghiklnorstuwyzABCDEGHIKLNORSTUWYZ"].map((letter, i) => [letter, [..."àƀçđéĝĥîķļñöŕşţûŵýžÅƁÇĐÉĜĤÎĶĻÑÖŔŞŢÛŴÝŽ"][i]!]),
  ),
  // Arrows point the way the page reads: "Next →" becomes "← Next" in a right-to-left language.
  "←": "→",
  "→": "←",
};

/** One text made pseudo: its spaces at either end kept, as they join it to the text around it. */
export function pseudoText(text: string): string {
  const core = text.trim();
  if (core === "") return text;
  const start = text.slice(0, text.indexOf(core));
  const end = text.slice(text.indexOf(core) + core.length);
  const accented = [...core].map((character) => ACCENTED[character] ?? character).join("");
  const extra = Math.ceil(core.length * 0.3);
  const padding = Array.from({ length: Math.ceil(extra / 6) }, (_, i) => "·".repeat(Math.min(6, extra - 6 * i))).join(" ");
  return `${start}\u202e${accented} ${padding}\u202c${end}`;
}

/** A catalogue, or any part of one, made pseudo: texts as they are, messages as they are said. */
export function pseudoOf<T>(node: T): T {
  if (typeof node === "string") return pseudoText(node) as T;
  if (typeof node === "function") return ((...args: unknown[]) => pseudoText((node as (...a: unknown[]) => string)(...args))) as T;
  if (Array.isArray(node)) return node.map(pseudoOf) as T;
  if (typeof node === "object" && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, pseudoOf(value)])) as T;
  }
  return node;
}

