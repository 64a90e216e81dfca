import { describe, expect, it } from "vitest";

import { PlanFiles } from "./plan-files.server";
import type { Plan, Prompt, Slide } from "./plan-schema";

/**
 * A shipped plan whose id is another plan's id plus its language (hyper-independence-de
 * for hyper-independence) is that session in another language: its own words, but the
 * same slides, safety settings and timings, and questions whose results can be compared
 * with the original's (same ids, types, option counts and ranges).
 */
const plans = new PlanFiles("content/plans")
  .list()
  .flatMap((entry) => (entry.result.ok ? [{ file: entry.file, plan: entry.result.plan }] : []));
const byId = new Map(plans.map(({ plan }) => [plan.id, plan]));

/** Each plan in another language, with the plan it is a version of. */
const versions = plans.flatMap(({ file, plan }) => {
  const language = plan.language.split("-")[0]!;
  const original = plan.id.endsWith(`-${language}`) ? byId.get(plan.id.slice(0, -language.length - 1)) : undefined;
  return original && original.language !== plan.language ? [{ file, plan, original }] : [];
});

/** What a version must keep from its original: everything but the words. */
function shapeOf(plan: Plan) {
  return {
    duration: plan.durationMinutes,
    contentNotes: plan.contentNotes?.length ?? 0,
    slides: plan.slides.map((slide: Slide) => ({
      kind: slide.kind,
      duration: slide.durationMinutes,
      agreements: slide.agreements?.length,
      breathing: slide.breathing,
      sensitive: slide.sensitive !== undefined,
      questions: slide.questions,
      hasNotes: slide.notesHtml.trim() !== "",
      prompt: slide.prompt && promptShape(slide.prompt),
    })),
  };
}

function promptShape(prompt: Prompt) {
  const { question: _question, ...settings } = prompt;
  // Option texts are words; how many there are, and which one is exclusive, are not.
  if ("options" in settings) return { ...settings, options: settings.options.length };
  if (settings.type === "scale") return { ...settings, minLabel: undefined, maxLabel: undefined };
  return settings;
}

describe("plans in another language", () => {
  it("the German hyper-independence plan is found as a version of the English one", () => {
    expect(versions.map(({ plan, original }) => [plan.id, original.id])).toContainEqual(["hyper-independence-de", "hyper-independence"]);
  });

  it.each(versions.map((version) => [version.file, version] as const))(
    "%s keeps its original's slides, safety settings, timings and question settings",
    (_file, { plan, original }) => {
      expect(shapeOf(plan)).toEqual(shapeOf(original));
    },
  );
});
