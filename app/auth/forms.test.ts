import { describe, expect, it } from "vitest";

import { redirectTo } from "./forms";

describe("redirectTo after signing in", () => {
  it.each(["/library", "/console/ABC234", "/library/own_abc?version=2", "/runs/1f2e#prompt"])("keeps a path on this site: %s", (path) => {
    expect(redirectTo.parse(path)).toBe(path);
  });

  it.each([
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\\\\evil.example",
    "evil.example",
    "javascript:alert(1)",
    "",
  ])("sends anything that could leave the site to the library: %j", (path) => {
    expect(redirectTo.parse(path)).toBe("/library");
  });
});
