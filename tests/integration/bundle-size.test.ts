import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { en } from "~/strings/en";
import { staffEn } from "~/strings/en/staff-pages";

import {
  CATALOGUES,
  describeScripts,
  lazyScripts,
  measureScripts,
  OWN_TEXTS,
  pageScripts,
  pageScriptsIn,
  readAssetManifest,
  serverStubScripts,
} from "../helpers/bundle";

/** Issue 6: a participant page loads at most 120 KB of gzipped JavaScript, measured on the production build. */
const BUDGET = 120 * 1024;

/** The pages a participant meets, by the route that renders each. */
const PARTICIPANT_PAGES = { "/join": "routes/join", "/j/:code": "routes/j.$code", "/help": "routes/help" };

// The integration project's global setup has built Beside (tests/setup/ensure-build.ts).
const manifest = readAssetManifest();

describe("the JavaScript a participant's phone downloads", () => {
  it.each(Object.entries(PARTICIPANT_PAGES).flatMap(([page, routeId]) => (Object.keys(CATALOGUES) as Array<keyof typeof CATALOGUES>).map((tag) => [page, tag, routeId] as const)))("%s in %s stays within 120 KB gzipped, its catalogue included", (page, tag, routeId) => {
    const urls = pageScriptsIn(manifest, routeId, tag);
    const sizes = measureScripts(urls);
    for (const size of sizes) expect(size.bytes, `${size.url} is empty`).toBeGreaterThan(0);
    const total = sizes.reduce((sum, size) => sum + size.gzipped, 0);
    console.info(`${page} in ${tag}: ${(total / 1024).toFixed(1)} KB gzipped in ${sizes.length} scripts`);
    const tooMuch = `${page} loads more than ${BUDGET / 1024} KB of gzipped JavaScript:\n${describeScripts(sizes)}\n`;
    expect(total, tooMuch).toBeLessThanOrEqual(BUDGET);
  });
});

describe("requests for nothing", () => {
  // A `.server` module that several routes import becomes, in the browser build, an empty script of its own: one more
  // request on the page, waiting for one of the six connections a phone opens. A route imports its server side through
  // one module of its own (app/root.server.ts, app/runs/participant-page.server.ts), whose stub stays in its script.
  it.each(Object.entries(PARTICIPANT_PAGES))("%s loads no script that is only an empty stand-in for server code", (_page, routeId) => {
    const built = pageScripts(manifest, routeId).filter((url) => url !== manifest.url);
    expect(serverStubScripts(built)).toEqual([]);
  });
});

describe("a phone's language", () => {
  it.each(Object.keys(CATALOGUES))("%s is the only language a phone in it downloads: no other catalogue's text is in its scripts", (tag) => {
    expect(OWN_TEXTS[tag]!.length, `${tag} has texts of its own to look for`).toBeGreaterThan(30);
    const source = pageScriptsIn(manifest, "routes/j.$code", tag as keyof typeof CATALOGUES).map((url) => fs.readFileSync(path.join("public", url), "utf8")).join("\n");
    for (const [other, texts] of Object.entries(OWN_TEXTS)) {
      const found = texts.filter((text) => source.includes(text));
      if (other === tag) expect(found.length, `the ${tag} page holds its own catalogue`).toBe(texts.length);
      else expect(found, `a phone in ${tag} downloads ${other} text`).toEqual([]);
    }
  });
});

/**
 * Phone parts that load only when a slide needs them (lazyPart, app/prompts/lazy.tsx, or React.lazy), each with a
 * mark found only in its own code: a class name of its markup.
 */
const LAZY_PHONE_PARTS = {
  "the ranking's ordering list (app/prompts/ranking/rank-list.tsx)": "ranking__handle",
  "the results views, loaded once results are revealed (app/components/results-view.tsx)": "scale-chart",
  "the question box, loaded once a box opens (app/components/question-box.tsx)": "question-box__",
};

describe("phone code that loads only on a slide that needs it", () => {
  const initial = pageScripts(manifest, "routes/j.$code");
  const initialSource = initial.map((url) => fs.readFileSync(path.join("public", url), "utf8")).join("\n");
  const lazy = lazyScripts(initial);

  it.each(Object.entries(LAZY_PHONE_PARTS))("%s is not in /j/:code's first scripts, but in a script of its own loaded later", (part, mark) => {
    expect(initialSource.includes(mark), `${part} is in the scripts /j/:code loads first`).toBe(false);
    const own = lazy.filter(({ loads }) => loads.some((url) => fs.readFileSync(path.join("public", url), "utf8").includes(mark)));
    expect(own.map(({ url }) => url), `no script /j/:code loads later holds ${part}`).toHaveLength(1);
    const sizes = measureScripts(own[0]!.loads);
    const total = sizes.reduce((sum, size) => sum + size.gzipped, 0);
    console.info(`${part}: ${(total / 1024).toFixed(1)} KB gzipped, loaded on its slide only, in ${sizes.length} script(s)`);
  });
});

/** Texts of the organisers' pages alone (not also within a run page's text), long and plain enough to find in a script. */
function staffOnlyTexts(): string[] {
  const leaves = (node: unknown): string[] =>
    typeof node === "string" ? [node] : typeof node === "object" && node !== null ? Object.values(node).flatMap(leaves) : [];
  const runTexts = leaves(en);
  return leaves(staffEn).filter(
    (text) => text.length >= 20 && /^[\w ,.:()-]+$/.test(text) && !runTexts.some((runText) => runText.includes(text)),
  );
}

describe("the organisers' words", () => {
  it("stay off a participant's phone: no participant page's script holds their catalogue", () => {
    const texts = staffOnlyTexts();
    expect(texts.length).toBeGreaterThan(50);
    for (const routeId of Object.values(PARTICIPANT_PAGES)) {
      const source = pageScripts(manifest, routeId).map((url) => fs.readFileSync(path.join("public", url), "utf8")).join("\n");
      expect(texts.filter((text) => source.includes(text)), routeId).toEqual([]);
    }
    // And the check can see them where they are: the library page's scripts hold them.
    const library = pageScripts(manifest, "routes/library._index").map((url) => fs.readFileSync(path.join("public", url), "utf8")).join("\n");
    expect(texts.some((text) => library.includes(text))).toBe(true);
  });
});

describe("the measurement", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-bundle-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fakeBuild = (manifestSource: string, lazyRouteDiscovery = false) => {
    fs.mkdirSync(path.join(dir, "build"), { recursive: true });
    fs.mkdirSync(path.join(dir, "public/build/routes"), { recursive: true });
    fs.writeFileSync(path.join(dir, "build/version.txt"), "abc123");
    // The server build's flags, as esbuild writes them.
    fs.writeFileSync(path.join(dir, "build/index.js"), `var future = { v3_singleFetch: !1, v3_lazyRouteDiscovery: ${lazyRouteDiscovery ? "!0" : "!1"} };`);
    fs.writeFileSync(path.join(dir, "public/build/manifest-ABC123.js"), manifestSource);
  };

  const manifestSource = `window.__remixManifest=${JSON.stringify({
    url: "/build/manifest-ABC123.js",
    entry: { module: "/build/entry.client-X.js", imports: [] },
    routes: {
      root: { id: "root", module: "/build/root-X.js" },
      "routes/join": { id: "routes/join", parentId: "root", module: "/build/routes/join-X.js", imports: ["/build/root-X.js"] },
    },
  })};`;

  it("fails on a script the manifest lists but the build lacks, and on a route it doesn't know", () => {
    fakeBuild(manifestSource);
    fs.writeFileSync(path.join(dir, "public/build/entry.client-X.js"), "export {};");
    fs.writeFileSync(path.join(dir, "public/build/root-X.js"), "export {};");
    const fake = readAssetManifest(dir);
    const urls = pageScripts(fake, "routes/join");
    // Deduplicated: the root module, imported by the route too, is counted once.
    expect(urls).toEqual(["/build/manifest-ABC123.js", "/build/entry.client-X.js", "/build/root-X.js", "/build/routes/join-X.js"]);
    expect(() => measureScripts(urls, dir)).toThrow("/build/routes/join-X.js is in the manifest but");
    expect(() => pageScripts(fake, "routes/help")).toThrow('the manifest has no route "routes/help"');
  });

  it("counts the manifest as a script only when pages load it: not with lazy route discovery, where the page carries it", () => {
    fakeBuild(manifestSource, true);
    expect(pageScripts(readAssetManifest(dir), "routes/join")).toEqual(["/build/entry.client-X.js", "/build/root-X.js", "/build/routes/join-X.js"]);
    fs.writeFileSync(path.join(dir, "build/index.js"), "var future = {};");
    expect(() => readAssetManifest(dir)).toThrow("does not say whether v3_lazyRouteDiscovery is on");
  });

  it("fails when the manifest is not what Remix writes", () => {
    fakeBuild("export const manifest = {};");
    expect(() => readAssetManifest(dir)).toThrow("does not start with window.__remixManifest=");
  });
});
