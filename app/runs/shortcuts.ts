/**
 * The console's keyboard shortcuts, as PowerPoint's presenter view and
 * Mentimeter taught facilitators: a presentation remote sends PageUp and
 * PageDown, so those move between slides too.
 */
export type ShortcutAction = "next" | "previous" | "open-close" | "reveal-hide" | "blank" | "pause" | "fullscreen" | "help";

export interface Shortcut {
  action: ShortcutAction;
  /** `KeyboardEvent.key` values that do it (letters in either case). */
  keys: readonly string[];
  /** The keys as the help lists them (what each does is in the string catalogue, by action). */
  labels: readonly string[];
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: "next", keys: ["ArrowRight", " ", "PageDown"], labels: ["→", "Space", "Page Down"] },
  { action: "previous", keys: ["ArrowLeft", "PageUp"], labels: ["←", "Page Up"] },
  { action: "open-close", keys: ["o"], labels: ["O"] },
  { action: "reveal-hide", keys: ["r"], labels: ["R"] },
  { action: "blank", keys: ["b", "."], labels: ["B"] },
  { action: "pause", keys: ["p"], labels: ["P"] },
  { action: "fullscreen", keys: ["f"], labels: ["F"] },
  { action: "help", keys: ["?"], labels: ["?"] },
];

const byKey = new Map(SHORTCUTS.flatMap((shortcut) => shortcut.keys.map((key) => [key, shortcut.action] as const)));

/** What the fields of a keydown the console listens to say. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element takes this key itself: a text field, or Space and Enter on a button or link. */
  targetTakesKey: boolean;
}

/** The shortcut a key press means, or null: modified keys belong to the browser, typing to its field. */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.targetTakesKey) return null;
  return byKey.get(press.key.length === 1 ? press.key.toLowerCase() : press.key) ?? null;
}

/** Whether the focused element would do something itself with this key. */
export function targetTakesKey(target: Element | null, key: string): boolean {
  if (!target) return false;
  if (target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])")) return true;
  // Space presses a button (not a link); Enter presses either.
  if (key === " ") return target.closest("button, summary, [role='button']") !== null;
  return key === "Enter" && target.closest("button, a[href], summary, [role='button']") !== null;
}
