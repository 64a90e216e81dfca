import fs from "node:fs";

import { describe, expect, it } from "vitest";

import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { say, sayRefusal } from "./refusal";

/** Every reason of the refusals catalogue, with the parameters its message takes (read from its source). */
function reasons(node: unknown, path: string[] = []): Array<{ reason: string; params: string[] }> {
  if (typeof node === "object" && node !== null) return Object.entries(node).flatMap(([key, value]) => reasons(value, [...path, key]));
  const head = typeof node === "function" ? (/^\s*\(\{([^}]*)\}/.exec(node.toString())?.[1] ?? "") : "";
  return [{ reason: path.join("."), params: head.split(",").map((name) => name.trim()).filter(Boolean) }];
}

describe("a refusal", () => {
  it("is said in each page's language from its reason and parameters", () => {
    const refusal = { reason: "answers.scale", params: { min: 1, max: 5 } };
    expect(sayRefusal(en.refusals, refusal)).toBe("choose a number from 1 to 5");
    expect(sayRefusal(es.refusals, refusal)).toMatch(/1.*5/);
    expect(sayRefusal(de.refusals, refusal)).toMatch(/1.*5/);
    expect(new Set([en, es, de].map((strings) => sayRefusal(strings.refusals, refusal))).size).toBe(3);
    expect(sayRefusal(es.refusals, { reason: "paused" })).toBe(es.refusals.paused);
  });

  it("with a reason the page doesn't know (a newer server's), or a path into a part, says the server's general refusal", () => {
    expect(sayRefusal(en.refusals, { reason: "answers.sideways" })).toBe(en.refusals.socket.serverError);
    expect(sayRefusal(de.refusals, { reason: "answers" })).toBe(de.refusals.socket.serverError);
    expect(sayRefusal(en.refusals, { reason: "toString" })).toBe(en.refusals.socket.serverError);
    expect(say(en, { reason: "constructor.name" })).toBeUndefined();
  });

  it("has every reason listed in docs/realtime.md §10.1, with its parameters, and the page lists no other", () => {
    const page = fs.readFileSync("docs/realtime.md", "utf8");
    const section = page.slice(page.indexOf("### 10.1"), page.indexOf("## 11."));
    const listed = [...section.matchAll(/^\| `([\w.]+)` \| ([^|]+) \|/gm)].map(([, reason, params]) => ({
      reason: reason!,
      params: [...params!.matchAll(/`(\w+)`/g)].map((match) => match[1]!),
    }));
    // The table's own heading row names its columns.
    listed.shift();
    expect(listed).toEqual(reasons(en.refusals));
  });
});
