import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { de } from "~/strings/de";
import { en } from "~/strings/en";
import { es } from "~/strings/es";

/** The part of Remix's asset manifest (public/build/manifest-*.js) that says which modules a page loads. */
export interface AssetManifest {
  url: string;
  entry: { module: string; imports: string[] };
  routes: Record<string, { id: string; parentId?: string; module: string; imports?: string[] }>;
  /**
   * Whether a page loads this manifest as a script (`url`). Not with lazy route discovery (remix.config.js), where
   * each page carries in its HTML the part of it for its own routes, and asks the server for more as links appear.
   */
  loadedByPages: boolean;
}

export interface ScriptSize {
  /** As the browser asks for it: /build/… */
  url: string;
  bytes: number;
  /** gzip at zlib's default level (6), what a compressing server or proxy typically sends. */
  gzipped: number;
}

/**
 * The manifest of the production build the server serves: build/version.txt names it (the server build holds the
 * same version), so a leftover manifest of an older build in public/build/ is never the one read.
 */
export function readAssetManifest(root = "."): AssetManifest {
  const versionFile = path.join(root, "build/version.txt");
  if (!fs.existsSync(versionFile)) throw new Error(`${versionFile} is missing: build Beside first (npm run build)`);
  const version = fs.readFileSync(versionFile, "utf8").trim().toUpperCase();
  const url = `/build/manifest-${version}.js`;
  const source = fs.readFileSync(path.join(root, "public", url), "utf8");
  const prefix = "window.__remixManifest=";
  if (!source.startsWith(prefix)) throw new Error(`${url} does not start with ${prefix}: the manifest's format changed`);
  const manifest = JSON.parse(source.slice(prefix.length).replace(/;\s*$/, "")) as Omit<AssetManifest, "loadedByPages">;
  if (manifest.url !== url) throw new Error(`${url} says it is ${manifest.url}`);
  // The server build's `future` flags, as esbuild writes them (!0 for true).
  const flag = /\bv3_lazyRouteDiscovery: (!0|!1|true|false)\b/.exec(fs.readFileSync(path.join(root, "build/index.js"), "utf8"));
  if (!flag) throw new Error("build/index.js does not say whether v3_lazyRouteDiscovery is on: the build's format changed");
  return { ...manifest, loadedByPages: flag[1] === "!1" || flag[1] === "false" };
}

/**
 * Every script a page whose deepest route is `routeId` loads before it hydrates, as Remix's <Scripts /> lists them:
 * the manifest itself (unless the page carries it, `loadedByPages`), the entry and its imports, then each route from
 * the root down with its imports.
 * Deduplicated, in that order.
 */
export function pageScripts(manifest: AssetManifest, routeId: string): string[] {
  const chain: AssetManifest["routes"][string][] = [];
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`the manifest has no route "${id}" (routes: ${Object.keys(manifest.routes).join(", ")})`);
    chain.unshift(route);
  }
  const urls = [...(manifest.loadedByPages ? [manifest.url] : []), manifest.entry.module, ...manifest.entry.imports];
  for (const route of chain) urls.push(route.module, ...(route.imports ?? []));
  return [...new Set(urls)];
}

/**
 * The scripts among `urls` that hold nothing but empty stubs of server-only modules (the browser build's stand-in for a
 * `.server` module or a server package a route imports), as the build's metafile says: each is a request for nothing.
 */
export function serverStubScripts(urls: string[], root = "."): string[] {
  const { outputs } = JSON.parse(fs.readFileSync(path.join(root, "build/metafile.js.json"), "utf8")) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  return urls.filter((url) => {
    const output = outputs[`public${url}`];
    if (!output) throw new Error(`build/metafile.js.json has no output public${url}`);
    const inputs = Object.keys(output.inputs);
    return inputs.length > 0 && inputs.every((input) => input.startsWith("empty-module:"));
  });
}

/** Reads each script from public/ and gzips it; a script the manifest lists but the build lacks is an error. */
export function measureScripts(urls: string[], root = "."): ScriptSize[] {
  return urls.map((url) => {
    const file = path.join(root, "public", url);
    if (!fs.existsSync(file)) throw new Error(`${url} is in the manifest but ${file} does not exist`);
    const source = fs.readFileSync(file);
    return { url, bytes: source.length, gzipped: gzipSync(source).length };
  });
}

/** One line per script, largest gzipped first, and the total: for failure messages and logs. */
export function describeScripts(sizes: ScriptSize[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const lines = [...sizes]
    .sort((a, b) => b.gzipped - a.gzipped)
    .map((size) => `  ${kb(size.gzipped).padStart(9)} gzipped  ${kb(size.bytes).padStart(9)} raw  ${size.url}`);
  const total = (key: "bytes" | "gzipped") => sizes.reduce((sum, size) => sum + size[key], 0);
  return [...lines, `  ${kb(total("gzipped")).padStart(9)} gzipped  ${kb(total("bytes")).padStart(9)} raw  in total`].join("\n");
}

/**
 * The scripts a page may load later, on demand: every dynamic `import("/build/…")` in `urls` (and in what those load),
 * each with the scripts it imports that the page has not loaded yet. A type's part loaded with lazyPart
 * (app/prompts/lazy.tsx) is one of these.
 */
export function lazyScripts(urls: string[], root = "."): Array<{ url: string; loads: string[] }> {
  const initial = new Set(urls);
  const read = (url: string) => fs.readFileSync(path.join(root, "public", url), "utf8");
  const found: Array<{ url: string; loads: string[] }> = [];
  const seen = new Set<string>();
  const queue = [...urls];
  while (queue.length > 0) {
    const source = read(queue.shift()!);
    for (const [, url] of source.matchAll(/\bimport\(\s*"(\/build\/[^"]+\.js)"\s*\)/g)) {
      if (initial.has(url!) || seen.has(url!)) continue;
      seen.add(url!);
      // What it imports statically, and what those import, that the page doesn't have yet.
      const loads = new Set([url!]);
      const pending = [url!];
      while (pending.length > 0) {
        for (const [, imported] of read(pending.shift()!).matchAll(/(?:^|[;}\s])import(?:[^"'()]*?from)?\s*"(\/build\/[^"]+\.js)"/g)) {
          if (initial.has(imported!) || loads.has(imported!)) continue;
          loads.add(imported!);
          pending.push(imported!);
        }
      }
      found.push({ url: url!, loads: [...loads] });
      queue.push(url!);
    }
  }
  return found;
}

/** Every text of a catalogue, as a script holds it: plain ASCII texts long enough to be found only where they are. */
function textsOf(node: unknown): string[] {
  if (typeof node === "string") return /^[\x20-\x7e]{24,}$/.test(node) && !/["\\]/.test(node) ? [node] : [];
  return typeof node === "object" && node !== null ? Object.values(node).flatMap(textsOf) : [];
}

/** The run pages' catalogues, by tag (app/strings/index.ts). */
export const CATALOGUES = { en, es, de };

/** Each language's own texts, as its scripts hold them: ones no other language's catalogue also has. */
export const OWN_TEXTS: Record<string, string[]> = Object.fromEntries(
  Object.entries(CATALOGUES).map(([tag, strings]) => {
    const others = new Set(Object.entries(CATALOGUES).filter(([other]) => other !== tag).flatMap(([, catalogue]) => textsOf(catalogue)));
    return [tag, textsOf(strings).filter((text) => !others.has(text))];
  }),
);

/**
 * The scripts a page loads before it comes to life in a language: its own (pageScripts), and the chunk of its
 * language's catalogue, which app/entry.client.tsx loads first. Throws when no chunk of its own holds that catalogue.
 */
export function pageScriptsIn(manifest: AssetManifest, routeId: string, tag: keyof typeof CATALOGUES, root = "."): string[] {
  const initial = pageScripts(manifest, routeId);
  const read = (url: string) => fs.readFileSync(path.join(root, "public", url), "utf8");
  // The fewest scripts that bring its texts: the pseudo-locale's chunk brings English's too.
  const [catalogue] = lazyScripts(initial, root)
    .filter(({ loads }) => loads.some((url) => OWN_TEXTS[tag]!.some((text) => read(url).includes(text))))
    .sort((a, b) => a.loads.length - b.loads.length);
  if (!catalogue) throw new Error(`no script of its own holds the ${tag} catalogue for ${routeId}`);
  return [...initial, ...catalogue.loads];
}
