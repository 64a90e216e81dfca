import { beforeAll, describe, expect, it } from "vitest";

import { CATALOGUES, pageScripts, pageScriptsIn, readAssetManifest } from "../helpers/bundle";
import { useTestServers } from "../helpers/lifecycle";
import type { TestServer } from "../helpers/server";

let server: TestServer;
const startServer = useTestServers("file");

beforeAll(async () => {
  server = await startServer();
});

/** The scripts a page asks the browser to fetch for its catalogue, as its HTML lists them. */
async function cataloguePreloads(address: string): Promise<string[]> {
  const html = await (await fetch(`${server.url}${address}`)).text();
  return [...html.matchAll(/<link rel="modulepreload" href="([^"]+)" data-catalogue=""\/>/g)].map(([, url]) => url!);
}

describe("a page's catalogue, asked for with the page's own scripts (app/root.tsx)", () => {
  const manifest = readAssetManifest();

  it.each(Object.keys(CATALOGUES) as Array<keyof typeof CATALOGUES>)("Get help in %s lists exactly its language's catalogue scripts in the page", async (tag) => {
    const initial = new Set(pageScripts(manifest, "routes/help"));
    // What the entry loads first, beyond the page's own scripts: the chunk of its language and what it imports.
    const catalogue = pageScriptsIn(manifest, "routes/help", tag).filter((url) => !initial.has(url));
    expect(catalogue.length).toBeGreaterThan(0);
    const listed = await cataloguePreloads(`/help?lang=${tag}`);
    expect(listed.filter((url) => !initial.has(url))).toEqual(catalogue);
  });
});
