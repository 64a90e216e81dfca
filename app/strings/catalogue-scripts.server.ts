import fs from "node:fs";
import path from "node:path";

import { PSEUDO } from "./index";

/** Each catalogue's source, as LOADERS in ./index.ts imports it: the build's metafile names its chunk by it. */
const SOURCES: Readonly<Record<string, string>> = {
  en: "app/strings/en/index.ts",
  es: "app/strings/es/index.ts",
  de: "app/strings/de/index.ts",
  [PSEUDO]: "app/strings/pseudo.ts",
};

interface Metafile {
  outputs: Record<string, { entryPoint?: string; imports: Array<{ path: string; kind: string }> }>;
}

let scripts: Map<string, string[]> | undefined;

/** Every catalogue's scripts in the browser build: its chunk, then what it imports, as /build/… addresses. */
function readScripts(metafile: Metafile): Map<string, string[]> {
  const address = (output: string) => `/${path.relative("public", output).split(path.sep).join("/")}`;
  const found = new Map<string, string[]>();
  for (const [tag, source] of Object.entries(SOURCES)) {
    const chunk = Object.keys(metafile.outputs).find((output) => metafile.outputs[output]!.entryPoint === source);
    if (!chunk) continue;
    const urls = [chunk];
    for (let i = 0; i < urls.length; i++) {
      for (const imported of metafile.outputs[urls[i]!]?.imports ?? []) {
        if (imported.kind === "import-statement" && !urls.includes(imported.path)) urls.push(imported.path);
      }
    }
    found.set(tag, urls.map(address));
  }
  return found;
}

/**
 * The scripts of a page's catalogue, which the browser's entry loads before the page comes to life
 * (app/entry.client.tsx): the page asks for them with the rest of its scripts, instead of only once those have run.
 * Read once from the build's metafile (build/metafile.js.json); none where there is no build to read.
 */
export function catalogueScripts(tag: string): string[] {
  if (!scripts) {
    try {
      scripts = readScripts(JSON.parse(fs.readFileSync(path.join("build", "metafile.js.json"), "utf8")) as Metafile);
    } catch {
      scripts = new Map();
    }
  }
  return scripts.get(tag) ?? [];
}
