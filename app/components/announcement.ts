import type { AudienceView } from "~/realtime/events";

/**
 * What a phone's screen reader should hear when the view changes from `previous` to `next`: a new slide, a
 * question opening or closing, results appearing, a break. Null when nothing worth interrupting for changed
 * (a count, a reconnection that found the same slide).
 */
export function announcementFor(previous: AudienceView, next: AudienceView): string | null {
  if (next.run.state === "ended") return null;
  if (next.run.paused !== previous.run.paused) {
    return next.run.paused ? "We're taking a short break." : `The session carries on. Slide: ${next.slide.title}.`;
  }
  if (next.run.paused) return null;
  const prompt = next.slide.prompt;
  if (next.slide.index !== previous.slide.index) {
    const slide = `Slide: ${next.slide.title}.`;
    return prompt?.phase === "open" ? `${slide} Question open: ${prompt.question}` : slide;
  }
  const before = previous.slide.prompt;
  if (!prompt || prompt.id !== before?.id) return null;
  const said: string[] = [];
  if (prompt.phase === "open" && before.phase !== "open") {
    said.push(`${before.phase === "closed" ? "Open again" : "New question"}: ${prompt.question}`);
  }
  if (prompt.phase === "closed" && before.phase === "open") said.push("Answers are closed.");
  if (next.results?.status === "shown" && previous.results?.status !== "shown") said.push("Results are shown.");
  return said.length > 0 ? said.join(" ") : null;
}
