import { describe, expect, it } from "vitest";

import { neutralise } from "./run-report.server";

describe("neutralise", () => {
  it("puts an apostrophe before every cell a spreadsheet would read as a formula, and leaves others alone", () => {
    for (const cell of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutralise(cell)).toBe(`'${cell}`);
    for (const cell of ["rest", "3", "", "a=b", " =1"]) expect(neutralise(cell)).toBe(cell);
  });
});
