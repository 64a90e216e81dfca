import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { requireAccount } from "~/auth/session.server";
import { ConnectionBadge } from "~/components/connection-status";
import { DisplayPreview } from "~/components/display-preview";
import { JoinPanel } from "~/components/join-panel";
import { EndRunButton } from "~/components/end-run-dialog";
import { CountdownControl, RunTimers } from "~/components/run-timers";
import { ShortcutHelp } from "~/components/shortcut-help";
import { useFullscreen } from "~/components/use-clock";
import { describeInCount } from "~/components/agreement-list";
import { ModerationQueue, roomsShare, shownTally, WordModeration } from "~/components/moderation-queue";
import { QuestionQueue } from "~/components/question-queue";
import { RoomWatch } from "~/components/room-watch";
import { ComparedResults, ResultsView } from "~/components/results-view";
import { SensitiveNote } from "~/components/sensitive-note";
import { SlideBody } from "~/components/slide-body";
import { useStrings, type Strings } from "~/strings";
import { sayRefusal } from "~/strings/refusal";
import { joinLinks } from "~/utils/join-links.server";
import { metaTag, usePageLanguage } from "~/utils/page-language";
import type { ClientToServerEvents, FacilitatorView, PromptAction, PromptStatus, SignalCounts } from "~/realtime/events";
import { request, useRunSocket, type RunSocket } from "~/realtime/use-run-socket";
import { readFacilitatorSecret } from "~/runs/facilitator-cookie.server";
import { distressMatcher } from "~/runs/distress";
import { readAloudStep } from "~/runs/read-aloud";
import { NOBODY_CONNECTED } from "~/runs/run-engine.server";
import { wordsNeedApproval } from "~/domain/rules";
import { shortcutFor, targetTakesKey, type ShortcutAction } from "~/runs/shortcuts";
import { NO_SIGNALS } from "~/runs/signals.server";
import { ConsoleStringsProvider, useConsoleStrings, type ConsoleStrings } from "~/strings/console";
import { consoleStringsFor } from "~/strings/console-catalogues";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? consoleStringsFor(metaTag(matches)).title(data.view.run.planTitle) : consoleStringsFor(metaTag(matches)).titleFallback },
];

/*
 * The console speaks its facilitator's language (their account's: the root loader's), not the plan's: it has no
 * language handle. The plan's own text on it says its language itself (lang={view.run.language}).
 */

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  await requireAccount(request, context);
  const { engine, config } = context.beside;
  const code = (params.code ?? "").toUpperCase();
  const run = await engine.loadRunByCode(code);
  const secret = readFacilitatorSecret(request.headers.get("Cookie"), code);
  if (!run || !engine.isFacilitator(run.row, secret)) {
    throw json({ reason: "console.forbidden" }, { status: 403 });
  }
  return json(
    {
      view: await engine.facilitatorView(run, NOBODY_CONNECTED, NO_SIGNALS),
      plannedMinutes: run.plan.durationMinutes,
      join: await joinLinks(request, config, code),
      facilitatorLink: `${new URL(request.url).origin}/f/${secret}`,
      // For marking pending answers that may signal distress; the same list phones check their own answers with.
      distress: context.beside.distress.forLanguage(run.plan.language),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * A state a shortcut turns on and off. Until the screen shows the state last asked for (or the slide moves, or the
 * command fails), a press turns over the asked-for state, not the one on screen.
 */
function useAskedToggle(shown: boolean, slide: number) {
  const asked = useRef<boolean | null>(null);
  useEffect(() => {
    if (asked.current === shown) asked.current = null;
  }, [shown]);
  useEffect(() => {
    asked.current = null;
  }, [slide]);
  return {
    flip(send: (on: boolean) => Promise<boolean>) {
      const on = !(asked.current ?? shown);
      asked.current = on;
      void send(on).then((sent) => {
        if (!sent && asked.current === on) asked.current = null;
      });
    },
  };
}

type ControlEvent =
  | "slide:go"
  | `prompt:${PromptAction}`
  | "run:end"
  | "run:pause"
  | "display:blank"
  | "countdown:set"
  | "moderation:set"
  | "spotlight:set"
  | "questions:open"
  | "questions:hide-waiting"
  | "question:set";

export default function Console() {
  const { tag } = usePageLanguage();
  return (
    <ConsoleStringsProvider value={consoleStringsFor(tag)}>
      <ConsolePage />
    </ConsoleStringsProvider>
  );
}

function ConsolePage() {
  const { view: initialView, plannedMinutes, join, facilitatorLink, distress } = useLoaderData<typeof loader>();
  const mayDistress = useMemo(() => distressMatcher(distress), [distress]);
  const { room, refusals } = useStrings();
  const t = useConsoleStrings();
  const [view, setView] = useState<FacilitatorView>(initialView);
  const [problem, setProblem] = useState<string | null>(null);
  // Commands on their way: a toggle pressed again before the first answer is sent too, so this counts them.
  const [inFlight, setInFlight] = useState(0);
  const busy = inFlight > 0;
  // Whether the counts of who is connected come from the server yet (the page's own are zeros).
  const [presenceHeard, setPresenceHeard] = useState(false);

  const listen = useCallback((socket: RunSocket) => {
    socket.on("facilitator:state", (state) => {
      setView(state);
      setPresenceHeard(true);
    });
    socket.on("facilitator:tally", (tally) =>
      setView((current) => {
        const promptId = current.slides[current.current]?.prompt?.id ?? null;
        if (tally.promptId !== promptId) {
          return { ...current, connected: tally.connected, displays: tally.displays, agreement: tally.agreement, questions: tally.questions };
        }
        return { ...current, ...tally };
      }),
    );
    socket.on("facilitator:signals", (signals) => setView((current) => ({ ...current, signals })));
  }, []);
  const { socket, status, refusal } = useRunSocket({ role: "facilitator", code: initialView.run.code }, listen);

  const send = useCallback(
    async <E extends ControlEvent>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]) => {
      if (!socket?.connected) {
        setProblem(t.notConnected);
        return false;
      }
      setInFlight((count) => count + 1);
      const result = await request(socket, event, payload);
      setInFlight((count) => count - 1);
      setProblem(result.ok ? null : result.error.code === "timeout" ? t.timeout : sayRefusal(refusals, result.error));
      return result.ok;
    },
    [socket, t],
  );

  const ended = view.run.state === "ended";
  const current = view.slides[view.current]!;
  const controlsDisabled = ended || busy || status !== "online";
  const openText = shownTally(view.results, "open-text");
  const heldBack = view.heldBack;
  const wordCloud = shownTally(view.results, "word-cloud");
  const next = view.slides[view.current + 1];
  // The slide asked for and not yet on screen: a remote's second press moves on from there, not from the screen's slide.
  const asked = useRef<number | null>(null);
  useEffect(() => {
    asked.current = null;
  }, [view.current]);
  const go = useCallback(
    (index: number) => {
      if (index < 0 || index >= view.slides.length || index === (asked.current ?? view.current)) return;
      asked.current = index;
      void send("slide:go", { index }).then((ok) => {
        if (!ok && asked.current === index) asked.current = null;
      });
    },
    [send, view.current, view.slides.length],
  );

  // While approved answers are read aloud, Next and Previous step through them first (one control, the remote's too).
  const approved = openText ? openText.entries.filter((entry) => entry.moderation === "approved").map((entry) => entry.text) : [];
  const readingAsked = useRef<string | null>(null);
  const reading = view.spotlight?.text ?? null;
  useEffect(() => {
    readingAsked.current = null;
  }, [reading]);
  const readAloud = (text: string) => {
    readingAsked.current = text;
    void send("spotlight:set", { promptId: current.prompt!.id, text }).then((ok) => {
      if (!ok && readingAsked.current === text) readingAsked.current = null;
    });
  };
  /** The answer one press reads aloud in that direction, or null when it moves the slide. */
  const answerStep = (by: 1 | -1) => (asked.current === null ? readAloudStep(approved, readingAsked.current ?? reading, by) : null);
  const step = (by: 1 | -1) => {
    const answer = answerStep(by);
    if (answer !== null) readAloud(answer);
    else go((asked.current ?? view.current) + by);
  };
  const nextAnswer = readAloudStep(approved, reading, 1);
  const previousAnswer = readAloudStep(approved, reading, -1);

  const fullscreen = useFullscreen();
  const [helpOpen, setHelpOpen] = useState(false);
  const promptAction = (action: PromptAction) =>
    current.prompt ? send(`prompt:${action}`, { promptId: current.prompt.id }) : Promise.resolve(false);
  // A toggle's key turns the state over from the one last asked for, so a second press before the screen has caught up
  // undoes the first rather than repeating it.
  const open = useAskedToggle(current.status?.phase === "open", view.current);
  const revealed = useAskedToggle(current.status?.revealed ?? false, view.current);
  const blanked = useAskedToggle(view.run.blanked, view.current);
  const paused = useAskedToggle(view.run.paused, view.current);
  const shortcuts: Record<ShortcutAction, () => void> = {
    next: () => step(1),
    previous: () => step(-1),
    "open-close": () => open.flip((on) => promptAction(on ? "open" : "close")),
    "reveal-hide": () => revealed.flip((on) => promptAction(on ? "reveal" : "hide")),
    blank: () => blanked.flip((on) => send("display:blank", { blanked: on })),
    pause: () => paused.flip((on) => send("run:pause", { paused: on })),
    fullscreen: fullscreen.toggle,
    help: () => setHelpOpen(true),
  };
  // The listener stays; what each key does, and whether a command is on its way, are read from the latest render.
  const latest = useRef({ shortcuts });
  latest.current = { shortcuts };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      const { key, ctrlKey, metaKey, altKey } = event;
      const action = shortcutFor({ key, ctrlKey, metaKey, altKey, targetTakesKey: targetTakesKey(target, key) });
      // Once the run has ended only fullscreen and the help still mean something; an open dialog keeps its keys.
      if (!action || document.querySelector("dialog[open]") || (ended && action !== "fullscreen" && action !== "help")) return;
      event.preventDefault();
      // A held key repeats: one press, one step.
      if (event.repeat) return;
      latest.current.shortcuts[action]();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [ended]);

  const openDisplay = () => {
    window.open(`/display/${view.run.code}`, `beside-display-${view.run.code}`, "popup,width=1280,height=720");
  };

  return (
    <div className="console">
      <header className="console__bar">
        <span className="brand">Beside</span>
        <span className="console__title">{view.run.planTitle}</span>
        <span className="console__join">
          {t.code} <strong className="code">{view.run.code}</strong>
        </span>
        <RoomWatch code={view.run.code} connected={view.connected} online={status === "online"} underWay={view.current > 0} k={view.run.k} />
        <ConnectionBadge status={status} />
        {!ended ? (
          <>
            <RoomToggle
              on={view.run.paused}
              labels={[t.pause, t.resume]}
              shortcut="P"
              disabled={busy || status !== "online"}
              onToggle={shortcuts.pause}
              testId="pause-session"
            />
            <RoomToggle
              on={view.run.blanked}
              labels={[t.blank, t.unblank]}
              shortcut="B"
              disabled={busy || status !== "online"}
              onToggle={shortcuts.blank}
            />
          </>
        ) : null}
        <a
          className="button"
          href={`/display/${view.run.code}`}
          target={`beside-display-${view.run.code}`}
          onClick={(event) => {
            event.preventDefault();
            openDisplay();
          }}
        >
          {t.openDisplay}
        </a>
        <button
          type="button"
          className="button button--quiet"
          onClick={fullscreen.toggle}
          aria-keyshortcuts="F"
          aria-pressed={fullscreen.active}
        >
          {t.fullscreen}
        </button>
        <button type="button" className="button button--quiet" onClick={shortcuts.help} aria-keyshortcuts="?">
          {t.shortcutsButton} <kbd>?</kbd>
        </button>
        {!ended ? (
          <EndRunButton disabled={busy || status !== "online"} onEnd={() => void send("run:end", {})} />
        ) : null}
      </header>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />

      {refusal ? (
        <p className="error" role="alert">
          {t.refused(refusal)}
        </p>
      ) : null}
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <SignalNotice signals={view.signals} />
      {view.run.blanked && !ended ? (
        <p className="notice" role="status" data-testid="blank-notice">
          {t.blankNotice}
        </p>
      ) : null}
      {view.run.paused && !ended ? (
        <p className="notice notice--break" role="status">
          {t.pausedNotice}
        </p>
      ) : null}
      {ended ? (
        <p className="notice" role="status">
          {t.endedNotice} <Link to="/library">{t.backToPlans}</Link>
        </p>
      ) : null}

      <main className="console__grid">
        <nav className="slide-list" aria-label={t.slides}>
          <ol>
            {view.slides.map((slide) => (
              <li key={slide.index}>
                <button
                  type="button"
                  aria-current={slide.index === view.current ? "step" : undefined}
                  onClick={() => go(slide.index)}
                  disabled={ended || busy}
                >
                  <span className="slide-list__number">{slide.index + 1}</span>
                  <span className="slide-list__title">{slide.title}</span>
                  {slide.prompt ? <span className="slide-list__tag">{phaseLabel(t, slide.status)}</span> : null}
                </button>
              </li>
            ))}
          </ol>
        </nav>

        <section className="console__current" aria-labelledby="current-title">
          <p className="console__position">
            {t.position(view.current + 1, view.slides.length)}
            {current.durationMinutes ? t.planned(current.durationMinutes) : ""}
          </p>
          {!ended ? (
            <RunTimers timing={view.timing} plan={{ durationMinutes: plannedMinutes, slides: view.slides }} current={view.current} />
          ) : null}
          <h1 id="current-title" lang={view.run.language}>
            {current.title}
          </h1>
          {current.sensitive ? <SensitiveNote note={current.sensitive} /> : null}
          <SlideBody html={current.bodyHtml} lang={view.run.language} />
          {current.kind === "agreement" && current.agreements ? (
            <section className="prompt-panel" aria-label={t.groupAgreement}>
              <p className="prompt-panel__type">{t.groupAgreement}</p>
              <ul className="agreement-summary" lang={view.run.language}>
                {current.agreements.map((agreement) => (
                  <li key={agreement}>{agreement}</li>
                ))}
              </ul>
              <p data-testid="agreement-count">
                {describeInCount(room, view.agreement?.inCount ?? 0)}. {t.agreementHint}
              </p>
            </section>
          ) : null}
          {current.kind === "grounding" && current.breathing ? (
            <p className="console__listen">{t.grounding(current.breathing.inhale, current.breathing.hold, current.breathing.exhale)}</p>
          ) : null}

          {current.prompt && current.status ? (
            <section className="prompt-panel" aria-label={t.question}>
              <p className="prompt-panel__type">{t.promptTypes[current.prompt.type]}</p>
              <h2 lang={view.run.language}>{current.prompt.question}</h2>
              <p className="prompt-panel__state" data-testid="prompt-state">
                {phaseLabel(t, current.status)}
                {view.counts && current.status.phase === "open" ? (
                  <>
                    {" "}
                    · <span data-testid="response-count">{t.responsesSoFar(view.counts.responses, view.run.k)}</span>{" "}
                    <span className="prompt-panel__why">({t.responsesWhy(view.run.k)})</span>
                  </>
                ) : view.counts ? (
                  <>
                    {" "}
                    · <span data-testid="response-count">{view.counts.responses}</span> {t.responses(view.counts.responses)}
                    {view.counts.passes !== null ? t.passed(view.counts.passes) : ""}
                  </>
                ) : null}
              </p>
              <PromptControls status={current.status} disabled={ended || busy || status !== "online"} onAction={promptAction} />
              <div className="prompt-panel__results">
                <h3>{t.results(current.status.revealed)}</h3>
                {current.status.phase === "open" ? (
                  <p className="prompt-panel__hint">
                    {current.status.revealed ? t.revealedHint(view.run.k) : t.hiddenHint(view.run.k)}
                  </p>
                ) : null}
                {heldBack > 0 ? (
                  <p className="prompt-panel__hint" data-testid="held-back">
                    {t.heldBack(heldBack, view.run.k)}
                  </p>
                ) : null}
                {current.prompt.type === "open-text" && openText ? (
                  <ModerationQueue
                    tally={openText}
                    spotlight={view.spotlight}
                    disabled={controlsDisabled}
                    mayDistress={mayDistress}
                    onModerate={(text, action) => void send("moderation:set", { promptId: current.prompt!.id, text, action })}
                    onSpotlight={(text) => void send("spotlight:set", { promptId: current.prompt!.id, text })}
                  />
                ) : view.comparison ? (
                  <ComparedResults comparison={view.comparison} results={view.results} />
                ) : (
                  <ResultsView results={roomsShare(view.results)} />
                )}
                {wordCloud ? (
                  <WordModeration
                    tally={wordCloud}
                    needsApproval={wordsNeedApproval(current)}
                    disabled={controlsDisabled}
                    mayDistress={mayDistress}
                    onModerate={(text, action) => void send("moderation:set", { promptId: current.prompt!.id, text, action })}
                  />
                ) : null}
              </div>
            </section>
          ) : current.kind === "content" ? (
            <p className="console__listen">{t.contentSlide}</p>
          ) : current.kind === "round" ? (
            <p className="console__listen">{t.roundSlide}</p>
          ) : null}
        </section>

        <aside className="console__side">
          {!ended ? <DisplayPreview code={view.run.code} displays={presenceHeard && status === "online" ? view.displays : null} /> : null}
          {!ended ? (
            <section aria-labelledby="join-title" className="console__join-panel">
              <h2 id="join-title">{t.join}</h2>
              <JoinPanel links={join} code={view.run.code} size="console" />
            </section>
          ) : null}
          {!ended ? (
            <CountdownControl
              key={view.current}
              countdown={view.run.countdown}
              plannedMinutes={current.durationMinutes}
              disabled={busy || status !== "online"}
              onSet={(seconds) => void send("countdown:set", { seconds })}
            />
          ) : null}
          {!ended ? (
            <QuestionQueue
              questions={view.questions}
              k={view.run.k}
              disabled={busy || status !== "online"}
              mayDistress={mayDistress}
              onOpen={(open, slide) => void send("questions:open", slide ? { open, slide } : { open })}
              onHideWaiting={() => void send("questions:hide-waiting", {})}
              onSet={(questionId, action) => void send("question:set", { questionId, action })}
            />
          ) : null}
          <section aria-labelledby="notes-title" className="notes">
            <h2 id="notes-title">{t.notes}</h2>
            {current.notesHtml ? (
              <SlideBody html={current.notesHtml} className="notes__body" lang={view.run.language} />
            ) : (
              <p>{t.noNotes}</p>
            )}
          </section>
          <section aria-labelledby="next-title" className="next-slide">
            <h2 id="next-title">{t.next}</h2>
            {next ? (
              <p>
                <strong lang={view.run.language}>{next.title}</strong>
                {next.prompt ? <span className="next-slide__prompt">{t.nextAsks(next.prompt.question)}</span> : null}
              </p>
            ) : (
              <p>{t.lastSlide}</p>
            )}
          </section>
          <details className="facilitator-link">
            <summary>{t.anotherDevice}</summary>
            <p>{t.anotherDeviceWarning}</p>
            <input readOnly value={facilitatorLink} aria-label={t.facilitatorLink} onFocus={(e) => e.currentTarget.select()} />
            <p className="facilitator-link__join">
              {t.phonesJoinAt} <a href={join.url}>{join.url}</a>
            </p>
          </details>
        </aside>
      </main>

      <footer className="console__nav">
        <button
          type="button"
          className="button"
          onClick={() => step(-1)}
          disabled={ended || busy || (previousAnswer === null && view.current === 0)}
          aria-keyshortcuts="ArrowLeft PageUp"
        >
          {previousAnswer === null ? t.previousSlide : t.previousAnswer}
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => step(1)}
          disabled={ended || busy || (nextAnswer === null && view.current === view.slides.length - 1)}
          aria-keyshortcuts="ArrowRight PageDown"
        >
          {nextAnswer === null ? t.nextSlide : t.nextAnswer}
        </button>
      </footer>
    </div>
  );
}

function phaseLabel(t: ConsoleStrings, status: PromptStatus | null): string {
  if (!status) return "";
  const phase = t.phases[status.phase];
  return status.revealed ? `${phase}${t.resultsShown}` : phase;
}

/** A control that puts the room into a state and back (a break, a blank display): highlighted while the state holds. */
function RoomToggle({
  on,
  labels: [turnOn, turnOff],
  shortcut,
  disabled,
  onToggle,
  testId,
}: {
  on: boolean;
  labels: [string, string];
  shortcut: string;
  disabled: boolean;
  onToggle: () => void;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={`button${on ? " button--primary" : ""}`}
      onClick={onToggle}
      disabled={disabled}
      aria-keyshortcuts={shortcut}
      data-testid={testId}
    >
      {on ? turnOff : turnOn}
    </button>
  );
}

function PromptControls({
  status,
  disabled,
  onAction,
}: {
  status: PromptStatus;
  disabled: boolean;
  onAction: (action: PromptAction) => void;
}) {
  const t = useConsoleStrings();
  return (
    <div className="prompt-controls" role="group" aria-label={t.questionControls}>
      {status.phase === "open" ? (
        <button type="button" className="button" onClick={() => onAction("close")} disabled={disabled} aria-keyshortcuts="O">
          {t.close}
        </button>
      ) : (
        <button type="button" className="button button--primary" onClick={() => onAction("open")} disabled={disabled} aria-keyshortcuts="O">
          {status.phase === "pending" ? t.open : t.reopen}
        </button>
      )}
      {status.revealed ? (
        <button type="button" className="button" onClick={() => onAction("hide")} disabled={disabled} aria-keyshortcuts="R">
          {t.hide}
        </button>
      ) : (
        <button type="button" className="button" onClick={() => onAction("reveal")} disabled={disabled} aria-keyshortcuts="R">
          {t.reveal}
        </button>
      )}
    </div>
  );
}

/**
 * A gentle, non-identifying notice: how many phones asked for a pause or said
 * they are stepping out, in the last few minutes. It arrives a short random
 * while after the tap, so its timing doesn't point at anyone.
 */
function SignalNotice({ signals }: { signals: SignalCounts }) {
  const t = useConsoleStrings().signals;
  if (signals.pause === 0 && signals.steppingOut === 0) return null;
  const parts = [
    signals.pause > 0 ? t.pause(signals.pause) : null,
    signals.steppingOut > 0 ? t.steppingOut(signals.steppingOut) : null,
  ].filter(Boolean);
  const sentence = parts.join("; ");
  return (
    <p className="notice notice--signal" role="status" data-testid="signal-notice">
      {sentence.charAt(0).toUpperCase() + sentence.slice(1)}
      {t.window(signals.windowMinutes)}
      {signals.pause > 0 ? t.breakHint : ""}
    </p>
  );
}
