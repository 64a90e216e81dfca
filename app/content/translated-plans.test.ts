import { describe, expect, it } from "vitest";

import { PlanFiles } from "./plan-files.server";
import type { Plan, Prompt, Slide } from "./plan-schema";

/**
 * A built-in plan written again in another language has the id `<plan id>-<lang>` (such as
 * hyper-independence-es) and its `lang`. Its words are its own, but its structure and its safety
 * are the original's, so a group gets the same session in either language and the two plans'
 * results can be compared: same slides in the same order, same kinds and timings, the same
 * content notes and pauses, and the same prompts (ids, types, option counts, scales, settings).
 */
const plans = new PlanFiles("content/plans")
  .list()
  .flatMap((entry) => (entry.result.ok ? [entry.result.plan] : []));
const byId = new Map(plans.map((plan) => [plan.id, plan]));

/** Each translated plan with the plan it comes from: the id with its language tag taken off. */
const translations = plans.flatMap((plan) => {
  const match = /^(.+)-([a-z]{2,3})$/.exec(plan.id);
  const original = match && byId.get(match[1]!);
  return match && original && plan.language.split("-")[0] === match[2] ? [{ plan, original }] : [];
});

/** A prompt with its words taken out: what must match across languages. */
function promptShape(prompt: Prompt) {
  const { question: _question, ...settings } = prompt as Prompt & Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [
      key,
      key === "options" ? (value as string[]).length : key === "minLabel" || key === "maxLabel" ? typeof value : value,
    ]),
  );
}

/** A slide with its words taken out; the notes keep how many labelled parts (Say, Timing, …) they have. */
function slideShape(slide: Slide) {
  return {
    index: slide.index,
    kind: slide.kind,
    durationMinutes: slide.durationMinutes,
    sensitive: slide.sensitive !== undefined,
    agreements: slide.agreements?.length,
    breathing: slide.breathing,
    questions: slide.questions,
    notesParts: slide.notesHtml.match(/<p><strong>/g)?.length ?? 0,
    prompt: slide.prompt && promptShape(slide.prompt),
  };
}

function planShape(plan: Plan) {
  return { durationMinutes: plan.durationMinutes, contentNotes: plan.contentNotes.length, slides: plan.slides.map(slideShape) };
}

describe("plans written again in another language", () => {
  it("include the hyper-independence session in Spanish and in German, each found as a translation of the English plan", () => {
    const found = translations.map(({ plan, original }) => [plan.id, plan.language, original.id]);
    expect(found).toContainEqual(["hyper-independence-es", "es", "hyper-independence"]);
    expect(found).toContainEqual(["hyper-independence-de", "de", "hyper-independence"]);
  });

  it.each(translations.map(({ plan, original }) => [plan.id, original.id, plan, original] as const))(
    "%s keeps the slides, safety and prompts of %s",
    (_id, _originalId, plan, original) => {
      expect(plan.language).not.toBe(original.language);
      expect(planShape(plan)).toEqual(planShape(original));
      // Every slide has its own words: a heading left in the original's language would show on the display.
      const titles = new Set(original.slides.map((slide) => slide.title));
      expect(plan.slides.filter((slide) => titles.has(slide.title)).map((slide) => slide.title)).toEqual([]);
    },
  );
});
