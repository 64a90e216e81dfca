import { describe, expect, it } from "vitest";

import type { AudienceView, PromptPhase, Results } from "~/realtime/events";
import { en } from "~/strings/en";

import { announcementFor } from "./announcement";

const QUESTION = "How are you arriving today?";

const SCALE = { id: "arriving", question: QUESTION, type: "scale" as const, min: 1, max: 5, minLabel: "Low", maxLabel: "Good" };

/** A phone's view of a run on slide `index`, with the scale question in `phase` (or no question). */
function view(index: number, phase: PromptPhase | null, changes: { paused?: boolean; results?: Results | null } = {}) {
  const prompt = phase === null ? null : { ...SCALE, phase, revealed: false };
  const { paused = false } = changes;
  return {
    run: { code: "K7M2QX", planTitle: "Plan", language: "en", state: "live", paused, blanked: false, countdown: null, k: 3, slideCount: 9, contentNotes: [] },
    slide: { index, title: `Slide ${index}`, bodyHtml: "", kind: "content", prompt },
    results: changes.results ?? (prompt ? { status: "hidden" } : null),
    comparison: null,
    agreement: null,
    spotlight: null,
    questions: { open: false, list: [], answering: null },
  } satisfies AudienceView;
}

const shown: Results = {
  status: "shown",
  tally: { type: "scale", answers: 3, min: 1, max: 5, minLabel: "Low", maxLabel: "Good", counts: [0, 1, 1, 1, 0], median: 3 },
};

describe("announcementFor", () => {
  it("names a new slide, and its question when it is already open", () => {
    expect(announcementFor(en.phone, view(0, null), view(4, "pending"))).toBe("Slide: Slide 4.");
    expect(announcementFor(en.phone, view(0, null), view(4, "open"))).toBe(`Slide: Slide 4. Question open: ${QUESTION}`);
  });

  it("reads a question out when it opens, and says when it opens again", () => {
    expect(announcementFor(en.phone, view(4, "pending"), view(4, "open"))).toBe(`New question: ${QUESTION}`);
    expect(announcementFor(en.phone, view(4, "closed"), view(4, "open"))).toBe(`Open again: ${QUESTION}`);
  });

  it("says when answers close and when results appear, together when they come together", () => {
    expect(announcementFor(en.phone, view(4, "open"), view(4, "closed"))).toBe("Answers are closed.");
    expect(announcementFor(en.phone, view(4, "closed"), view(4, "closed", { results: shown }))).toBe("Results are shown.");
    const closedAndShown = view(4, "closed", { results: shown });
    expect(announcementFor(en.phone, view(4, "open"), closedAndShown)).toBe("Answers are closed. Results are shown.");
  });

  it("says nothing when nothing a participant acts on changed", () => {
    expect(announcementFor(en.phone, view(4, "open"), view(4, "open"))).toBeNull();
    expect(announcementFor(en.phone, view(4, "closed", { results: shown }), view(4, "closed", { results: shown }))).toBeNull();
    expect(announcementFor(en.phone, view(2, null), view(2, null))).toBeNull();
  });

  it("announces a break and the return from it, and nothing else during it", () => {
    expect(announcementFor(en.phone, view(4, "open"), view(4, "open", { paused: true }))).toBe("We're taking a short break.");
    expect(announcementFor(en.phone, view(4, "open", { paused: true }), view(5, null, { paused: true }))).toBeNull();
    const back = announcementFor(en.phone, view(5, null, { paused: true }), view(5, null));
    expect(back).toBe("The session carries on. Slide: Slide 5.");
  });
});
