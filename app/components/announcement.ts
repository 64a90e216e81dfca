import type { AudienceView } from "~/realtime/events";
import type { Strings } from "~/strings";

/**
 * What a phone's screen reader should hear when the view changes from `previous` to `next`: a new slide, a
 * question opening or closing, results appearing, a break. Null when nothing worth interrupting for changed
 * (a count, a reconnection that found the same slide). The words are the catalogue's phone.announce.
 */
export function announcementFor(phone: Strings["phone"], previous: AudienceView, next: AudienceView): string | null {
  const t = phone.announce;
  if (next.run.state === "ended") return null;
  if (next.run.paused !== previous.run.paused) {
    return next.run.paused ? t.break : t.carriesOn(next.slide.title);
  }
  if (next.run.paused) return null;
  const prompt = next.slide.prompt;
  if (next.slide.index !== previous.slide.index) {
    return prompt?.phase === "open" ? t.slideAndQuestion(next.slide.title, prompt.question) : t.slide(next.slide.title);
  }
  const before = previous.slide.prompt;
  if (!prompt || prompt.id !== before?.id) return null;
  const said: string[] = [];
  if (prompt.phase === "open" && before.phase !== "open") {
    said.push(before.phase === "closed" ? t.openAgain(prompt.question) : t.newQuestion(prompt.question));
  }
  if (prompt.phase === "closed" && before.phase === "open") said.push(t.closed);
  if (next.results?.status === "shown" && previous.results?.status !== "shown") said.push(t.results);
  return said.length > 0 ? said.join(" ") : null;
}
