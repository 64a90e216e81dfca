import { describe, expect, it } from "vitest";

import { SHORTCUTS, shortcutFor, type KeyPress } from "./shortcuts";

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  targetTakesKey: false,
  ...more,
});

describe("shortcutFor", () => {
  it.each([
    ["ArrowRight", "next"],
    [" ", "next"],
    ["PageDown", "next"],
    ["ArrowLeft", "previous"],
    ["PageUp", "previous"],
    ["o", "open-close"],
    ["O", "open-close"],
    ["r", "reveal-hide"],
    ["b", "blank"],
    ["B", "blank"],
    [".", "blank"],
    ["p", "pause"],
    ["f", "fullscreen"],
    ["?", "help"],
  ])("%j does %s", (key, action) => {
    expect(shortcutFor(press(key))).toBe(action);
  });

  it("leaves other keys, and keys with Ctrl, Cmd or Alt, to the browser", () => {
    expect(shortcutFor(press("x"))).toBeNull();
    expect(shortcutFor(press("Enter"))).toBeNull();
    expect(shortcutFor(press("r", { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press("f", { metaKey: true }))).toBeNull();
    expect(shortcutFor(press("ArrowRight", { altKey: true }))).toBeNull();
  });

  it("leaves a key to a field or button that takes it", () => {
    expect(shortcutFor(press("o", { targetTakesKey: true }))).toBeNull();
    expect(shortcutFor(press(" ", { targetTakesKey: true }))).toBeNull();
  });

  it("lists every action once in the help, and gives no key two actions", () => {
    const actions = SHORTCUTS.map((shortcut) => shortcut.action);
    expect(new Set(actions).size).toBe(actions.length);
    const keys = SHORTCUTS.flatMap((shortcut) => shortcut.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
