import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";

import { AgreementList } from "~/components/agreement-list";
import { BreakScreen } from "~/components/break-screen";
import { BreathingGuide } from "~/components/breathing-guide";
import { ConnectionBadge } from "~/components/connection-status";
import { JoinPanel } from "~/components/join-panel";
import { ComparedResults, ResultsView, SpotlightView } from "~/components/results-view";
import { DisplayCountdown } from "~/components/run-timers";
import { SensitiveNote } from "~/components/sensitive-note";
import { SlideBody } from "~/components/slide-body";
import { useFullscreen } from "~/components/use-clock";
import { useFit } from "~/components/use-fit";
import type { Prompt } from "~/content/plan-schema";
import { resultsOf } from "~/prompts/results";
import type { AudienceView } from "~/realtime/events";
import { withLive } from "~/realtime/live";
import { useRunSocket, type RunSocket } from "~/realtime/use-run-socket";
import { tooManyCodes } from "~/runs/code-guesses.server";
import { normaliseJoinCode } from "~/runs/join-code";
import { targetTakesKey } from "~/runs/shortcuts";
import { DISPLAY_THEMES, displayTheme, displayThemeName, themeColours, type DisplayThemeName } from "~/settings/display-theme";
import { useQuestionStrings } from "~/strings/questions";
import { useStrings } from "~/strings";
import { joinLinks } from "~/utils/join-links.server";
import { runLanguage } from "~/utils/page-language";

export const meta: MetaFunction = () => [{ title: "Beside" }];

/** The audience display: public by design; it shows only what the room may see. */
/** The page is in the language of the run's plan. */
export const handle = runLanguage;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { engine, config, settings } = context.beside;
  const code = normaliseJoinCode(params.code ?? "");
  const lookup = code ? await context.lookUpCode(code) : undefined;
  if (lookup?.found === "too-many") {
    throw json({ reason: "refusals.tooManyCodes", params: { seconds: lookup.retryAfterSeconds } }, tooManyCodes(lookup.retryAfterSeconds));
  }
  if (lookup?.found !== "run") throw json({ reason: "display.notFound" }, { status: 404 });
  const { run } = lookup;
  const { displayColours, organisationName } = settings.current();
  const { searchParams } = new URL(request.url);
  return json(
    {
      view: await engine.openingView(run),
      join: await joinLinks(request, config, run.row.code),
      theme: displayThemeName(searchParams.get("theme")),
      joinLine: searchParams.get("join") === "hidden" ? ("hidden" as const) : ("shown" as const),
      displayColours,
      organisationName,
      // The console's thumbnail of this display (decision 027): not one of the room's displays, and no controls.
      preview: searchParams.get("preview") === "1",
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Display() {
  const { view: initialView, join, theme: initialTheme, joinLine: initialJoinLine, displayColours, organisationName, preview } = useLoaderData<typeof loader>();
  const { display: t, room: { round: roundLine } } = useStrings();
  const questionStrings = useQuestionStrings();
  const [view, setView] = useState<AudienceView>(initialView);
  const listen = useCallback((socket: RunSocket) => {
    socket.on("audience:state", setView);
    socket.on("audience:live", (live) => setView((current) => withLive(current, live)));
  }, []);
  const { status } = useRunSocket(preview ? { role: "display", code: initialView.run.code, preview } : { role: "display", code: initialView.run.code }, listen);
  // Said only once the display had been connected: a display that is loading has nothing to report.
  const [connectedOnce, setConnectedOnce] = useState(false);
  useEffect(() => {
    if (status === "online") setConnectedOnce(true);
  }, [status]);
  const lost = status === "refused" || (connectedOnce && status !== "online");
  const [theme, setTheme] = useDisplayTheme(initialTheme);
  const fullscreen = useFullscreen();
  const toggleFullscreen = fullscreen.toggle;
  const [joinLine, toggleJoinLine] = useJoinLine(initialJoinLine);
  const fitSlide = useFit<HTMLElement>();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      // Space and Enter on a focused theme button press it; T and F still work from there.
      if (event.ctrlKey || event.metaKey || event.altKey || targetTakesKey(target, event.key)) return;
      if (event.key.toLowerCase() === "f") toggleFullscreen();
      else if (event.key.toLowerCase() === "t") setTheme(DISPLAY_THEMES[(DISPLAY_THEMES.indexOf(theme) + 1) % DISPLAY_THEMES.length]!);
      else if (event.key.toLowerCase() === "j") toggleJoinLine();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [toggleFullscreen, theme, setTheme, toggleJoinLine]);

  // The organisation's colours in the light theme, or the dark or high-contrast ones, as the stylesheet's custom
  // properties; none on a blank display, which is black whatever the colours.
  const frame = (className: string, children: ReactNode, lang?: string) => (
    <main
      className={className ? `display ${className}` : "display"}
      lang={lang}
      style={className === "display--blank" ? undefined : displayTheme(themeColours(theme, displayColours))}
      data-theme={theme}
    >
      {children}
      {lost ? (
        <p className="display__connection">
          <ConnectionBadge status={status} />
        </p>
      ) : null}
      {!fullscreen.active && !view.run.blanked && !preview ? (
        <DisplayControls theme={theme} onTheme={setTheme} onFullscreen={fullscreen.toggle} joinLine={joinLine} onJoinLine={toggleJoinLine} />
      ) : null}
    </main>
  );

  const { slide, results, run, spotlight } = view;
  if (run.state === "ended") {
    return frame(
      "display--ended",
      <>
        <h1>{t.ended}</h1>
        <p>{t.endedNote}</p>
      </>,
    );
  }
  // Blanked: the room looks at each other, not the screen. Nothing shows, not even how to join: the screen is black.
  if (run.blanked) return frame("display--blank", <h1 className="visually-hidden">{t.blank}</h1>, run.language);
  // The first slide is where people join: a large QR code and code beside it. After it, a thin line, or none when asked.
  const joining = slide.index === 0 && !run.paused;
  const footer =
    joining || joinLine === "shown" ? (
      <footer className={`display__join display__join--${joining ? "large" : "compact"}`}>
        <JoinPanel links={join} code={run.code} size="display" />
        {organisationName ? <small className="display__organisation">{organisationName}</small> : null}
      </footer>
    ) : null;
  if (run.paused) {
    return frame(
      "display--break",
      <>
        <BreakScreen size="display" />
        {footer}
      </>,
      run.language,
    );
  }
  // A question from the room the facilitator is answering now (on this slide: a change of slide ends it) takes the
  // screen, large, unless the slide has something the room must keep seeing: how to join, a content note, a breathing
  // guide or a countdown. Then the question shows under them.
  const answering = view.questions.answering;
  const keepsSlide = joining || Boolean(slide.sensitive) || Boolean(slide.kind === "grounding" && slide.breathing) || run.countdown !== null;
  const answeringText = answering ? (
    <figure className="spotlight" data-testid="answering-now">
      <blockquote className="spotlight__text">{answering.text}</blockquote>
    </figure>
  ) : null;
  if (answering && !keepsSlide) {
    return frame(
      "",
      <>
        <section className="display__slide display__slide--content" aria-live="polite" ref={fitSlide}>
          <header className="display__head">
            <h1>{questionStrings.display.answeringNow}</h1>
          </header>
          {answeringText}
        </section>
        {footer}
      </>,
      run.language,
    );
  }
  const body = !spotlight && (!results || results.status === "hidden") ? <SlideBody html={slide.bodyHtml} /> : null;
  return frame(
    joining ? "display--joining" : "",
    <>
      <section className={`display__slide display__slide--${slide.kind}`} aria-live="polite" ref={fitSlide}>
        <header className="display__head">
          <h1>{slide.title}</h1>
          <DisplayCountdown countdown={run.countdown} />
        </header>
        {slide.sensitive ? <SensitiveNote note={slide.sensitive} /> : null}
        {slide.kind === "grounding" && slide.breathing ? (
          // The words beside the breathing circle, so both have the screen's whole height.
          <div className="display__beside">
            {body}
            <BreathingGuide breathing={slide.breathing} size="display" />
          </div>
        ) : (
          body
        )}
        {slide.kind === "agreement" && slide.agreements ? (
          <AgreementList agreements={slide.agreements} inCount={view.agreement?.inCount ?? 0} size="display" />
        ) : null}
        {slide.kind === "round" ? <p className="display__round">{roundLine}</p> : null}
        {slide.prompt ? (
          <div className="display__prompt">
            <p className="display__question">{slide.prompt.question}</p>
            {results?.status === "hidden" ? <PromptChoices prompt={slide.prompt} /> : null}
            {slide.prompt.phase === "open" ? (
              <p className="display__hint">
                {results?.status === "hidden" ? t.answerHidden : t.answerShown}
              </p>
            ) : null}
            {spotlight ? (
              <SpotlightView spotlight={spotlight} />
            ) : view.comparison ? (
              <ComparedResults comparison={view.comparison} results={results} size="large" headingLevel={2} />
            ) : (
              <ResultsView results={results} size="large" />
            )}
          </div>
        ) : null}
        {answeringText ? (
          <div className="display__prompt">
            <h2 className="display__question">{questionStrings.display.answeringNow}</h2>
            {answeringText}
          </div>
        ) : null}
      </section>
      {footer}
    </>,
    run.language,
  );
}

/**
 * Whether the display shows how to join after the first slide, kept in its address (`?join=hidden`) like
 * the theme. The first slide always shows it, large.
 */
function useJoinLine(initial: JoinLine): [JoinLine, () => void] {
  const [joinLine, setJoinLine] = useState<JoinLine>(initial);
  const toggle = useCallback(() => {
    setJoinLine((current) => {
      const next = current === "shown" ? "hidden" : "shown";
      const url = new URL(window.location.href);
      if (next === "shown") url.searchParams.delete("join");
      else url.searchParams.set("join", "hidden");
      window.history.replaceState(window.history.state, "", url);
      return next;
    });
  }, []);
  return [joinLine, toggle];
}

type JoinLine = "shown" | "hidden";

/**
 * The display's theme, kept in its address (`?theme=dark`) so a reload or a
 * bookmark on the room's computer keeps it.
 */
function useDisplayTheme(initial: DisplayThemeName): [DisplayThemeName, (theme: DisplayThemeName) => void] {
  const [theme, setTheme] = useState(initial);
  const choose = useCallback((next: DisplayThemeName) => {
    setTheme(next);
    const url = new URL(window.location.href);
    if (next === "light") url.searchParams.delete("theme");
    else url.searchParams.set("theme", next);
    window.history.replaceState(window.history.state, "", url);
  }, []);
  return [theme, choose];
}

/**
 * The display's own few controls, for whoever sets up the room: they fade out
 * when the pointer rests, and fullscreen shows none at all (F or Escape leaves it).
 */
function DisplayControls({
  theme,
  onTheme,
  onFullscreen,
  joinLine,
  onJoinLine,
}: {
  theme: DisplayThemeName;
  onTheme: (theme: DisplayThemeName) => void;
  onFullscreen: () => void;
  joinLine: JoinLine;
  onJoinLine: () => void;
}) {
  const t = useStrings().display;
  const [awake, setAwake] = useState(true);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    const wake = () => {
      setAwake(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setAwake(false), 4000);
    };
    wake();
    window.addEventListener("pointermove", wake);
    window.addEventListener("keydown", wake);
    return () => {
      clearTimeout(timer.current);
      window.removeEventListener("pointermove", wake);
      window.removeEventListener("keydown", wake);
    };
  }, []);
  return (
    <nav className={`display__controls${awake ? "" : " display__controls--resting"}`} aria-label={t.settings}>
      <div role="group" aria-label={t.theme}>
        {DISPLAY_THEMES.map((name) => (
          <button key={name} type="button" className="button button--quiet" aria-pressed={theme === name} onClick={() => onTheme(name)}>
            {t.themes[name]}
          </button>
        ))}
      </div>
      <button type="button" className="button button--quiet" aria-pressed={joinLine === "hidden"} onClick={onJoinLine} aria-keyshortcuts="J">
        {t.hideJoinLine}
      </button>
      <button type="button" className="button button--quiet" onClick={onFullscreen} aria-keyshortcuts="F">
        {t.fullscreen}
      </button>
    </nav>
  );
}

/** What the room can choose from, before any result is shown. */
function PromptChoices({ prompt }: { prompt: Prompt }) {
  const { Choices } = resultsOf(prompt.type);
  return Choices ? <Choices prompt={prompt} /> : null;
}
