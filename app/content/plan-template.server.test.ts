import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { ConfigError } from "~/config/env.server";

import { parsePlan } from "./parse-plan.server";
import { loadPlanTemplate } from "./plan-template.server";

const SHIPPED = path.resolve("content/templates/plan.md");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-template-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the plan template", () => {
  it("parses with no errors or warnings, and holds the standard frame in order", () => {
    const source = loadPlanTemplate(SHIPPED);
    const result = parsePlan(source, SHIPPED);
    if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.line}: ${issue.message}`).join("\n"));
    // Once the plan check's safety warnings are in, the template raises none of them.
    expect((result as { warnings?: unknown[] }).warnings ?? []).toEqual([]);
    const { plan } = result;
    expect(plan.slides.map((slide) => slide.kind)).toEqual([
      "content", // welcome
      "content", // before we begin
      "agreement",
      "content", // check-in
      "content", // a content slide
      "content", // the sensitive slide
      "grounding",
      "content", // a question with an opt-out
      "round",
      "content", // support beyond today
      "grounding", // the calm close
      "content", // closing words
      "content", // check-out
    ]);
    expect(plan.slides[5]!.sensitive).toBeDefined();
    expect(plan.slides[3]!.prompt).toMatchObject({ id: "check-in", type: "scale", min: 1, max: 5 });
    expect(plan.slides.at(-1)!.prompt).toMatchObject({ id: "check-out", type: "scale", compareWith: "check-in" });
    const choice = plan.slides[7]!.prompt;
    expect(choice?.type === "single-choice" ? choice.options : []).toContain("None of these");
  });

  it("plans 81 of its 90 minutes, and explains the budget in the first slide's notes", () => {
    const result = parsePlan(loadPlanTemplate(SHIPPED), SHIPPED);
    if (!result.ok) throw new Error("the template has errors");
    const { plan } = result;
    expect(plan.durationMinutes).toBe(90);
    expect(plan.slides.reduce((sum, slide) => sum + (slide.durationMinutes ?? 0), 0)).toBe(81);
    expect(plan.slides[0]!.notesHtml).toContain("timing budget");
    // Every slide tells the facilitator what to say, how long to take and what to watch for.
    for (const slide of plan.slides) {
      for (const label of ["Say:", "Timing:", "Watch for:"]) expect(slide.notesHtml, `${slide.title}: ${label}`).toContain(label);
      if (slide.prompt) expect(slide.notesHtml, slide.title).toContain("If results stay hidden:");
    }
  });

  it("refuses a template with mistakes at start-up, with its file and line, and a missing one, naming the setting", () => {
    const broken = path.join(dir, "broken.md");
    fs.writeFileSync(broken, fs.readFileSync(SHIPPED, "utf8").replace("duration: 90", "duration: ninety"));
    expect(() => loadPlanTemplate(broken)).toThrow(ConfigError);
    expect(() => loadPlanTemplate(broken)).toThrow(`${broken}:8: front matter: "duration" must be a number of minutes`);
    expect(() => loadPlanTemplate(path.join(dir, "missing.md"))).toThrow(/cannot read the plan template \(the file does not exist\)\. Set PLAN_TEMPLATE_FILE/);
  });
});
