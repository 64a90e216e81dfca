import { describe, expect, it } from "vitest";

import { leavesUnsaved } from "./leave-guard";

describe("leavesUnsaved", () => {
  const editor = { pathname: "/library/own_abc/edit" };
  const library = { pathname: "/library" };

  it("asks before leaving the editor with unsaved text", () => {
    expect(leavesUnsaved(true, false, editor, library)).toBe(true);
    expect(leavesUnsaved(true, false, editor, { pathname: "/logout" })).toBe(true);
  });

  it("doesn't ask when nothing changed, while the save is sent, or for the save's own round trip", () => {
    expect(leavesUnsaved(false, false, editor, library)).toBe(false);
    expect(leavesUnsaved(true, true, editor, library)).toBe(false);
    expect(leavesUnsaved(true, false, editor, editor)).toBe(false);
  });
});
