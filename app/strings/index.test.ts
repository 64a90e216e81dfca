import { describe, expect, it } from "vitest";

import { en } from "./en";
import { es } from "./es";
import { serverCatalogue } from "./catalogues.server";
import { catalogueTag, directionOf, loadCatalogue, PSEUDO } from "./index";

describe("a page's catalogue", () => {
  it("is found by the language's tag or its primary language, and English when Beside doesn't speak it", () => {
    expect(catalogueTag("es")).toBe("es");
    expect(catalogueTag("es-MX")).toBe("es");
    expect(catalogueTag("de-AT")).toBe("de");
    expect(catalogueTag("en-GB")).toBe("en");
    // No Welsh catalogue yet: the interface stays in English, and says so in its lang.
    expect(catalogueTag("cy")).toBe("en");
    expect(serverCatalogue("es-AR")).toEqual({ tag: "es", strings: es });
    expect(serverCatalogue("cy")).toEqual({ tag: "en", strings: en });
  });

  it("is the pseudo-locale only where the server allows it, and that one is written right to left", () => {
    expect(catalogueTag(PSEUDO)).toBe("en");
    expect(catalogueTag(PSEUDO, ["en", PSEUDO])).toBe(PSEUDO);
    expect(directionOf(PSEUDO)).toBe("rtl");
    expect(directionOf("es")).toBe("ltr");
  });

  it("loads as a chunk of its own, the same object the server has", async () => {
    expect(await loadCatalogue("es")).toBe(es);
    expect(await loadCatalogue("xx")).toBe(en);
  });
});
