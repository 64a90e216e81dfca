import { describe, expect, it } from "vitest";

import { en } from "./en";
import { catalogueFor } from "./index";

describe("catalogueFor", () => {
  it("finds a language by its tag or its primary language, and falls back to English", () => {
    expect(catalogueFor("en")).toEqual({ language: "en", strings: en });
    expect(catalogueFor("en-GB")).toEqual({ language: "en", strings: en });
    // No Welsh catalogue yet: the interface stays in English, and says so in its lang.
    expect(catalogueFor("cy")).toEqual({ language: "en", strings: en });
  });
});
