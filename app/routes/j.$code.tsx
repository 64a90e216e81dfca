import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ClientLoaderFunctionArgs } from "@remix-run/react";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";

import { AgreementList } from "~/components/agreement-list";
import { announcementFor } from "~/components/announcement";
import { AnswerForm, describeAnswer } from "~/components/answer-form";
import { BreakScreen } from "~/components/break-screen";
import { BreathingGuide } from "~/components/breathing-guide";
import { ConnectionBadge } from "~/components/connection-status";
import { ContentNotesGate } from "~/components/content-notes-gate";
import { ImInButton } from "~/components/im-in-button";
import { Nudge } from "~/components/nudge";
import { SafetyBar } from "~/components/safety-bar";
import type { SlowLineHandle } from "~/components/scripts-on-slow-lines";
import { SensitiveNote } from "~/components/sensitive-note";
import { SlideBody } from "~/components/slide-body";
import { inputOf } from "~/prompts/inputs";
import { lazyPart } from "~/prompts/lazy";
import type { Answer, AudienceView, ParticipantSnapshot, SignalKind } from "~/realtime/events";
import { withLive } from "~/realtime/live";
import { deviceSecretFor, forgetDeviceSecret, markEntered, randomToken } from "~/realtime/device";
import { AnswerOutbox, type PendingAnswer } from "~/realtime/outbox";
import { request, useRunSocket, type RunSocket } from "~/realtime/use-run-socket";
import { distressMatcher } from "~/runs/distress";
import { normaliseJoinCode } from "~/runs/join-code";
import { forgetPhoneCookies, phoneCookies, phoneFormAction, tooManyCodes, type PhoneFormOutcome } from "~/runs/participant-page.server";
import { MAX_QUESTION_LENGTH, SYNC_SPREAD_MS } from "~/domain/rules";
import { catalogueTag, LANGUAGES, loadCatalogue, PSEUDO, useStrings } from "~/strings";
import { sayRefusal } from "~/strings/refusal";
import { runLanguage, type LanguageHandle } from "~/utils/page-language";
import type { PhonePageHandle } from "~/utils/phone-page";

/** The room's results load only once they are revealed: most of a phone's time is spent before that (its JavaScript budget). */
const PhoneResults = lazyPart(() => import("~/components/results-view"), () => <></>);

export const meta: MetaFunction = () => [{ title: "Beside" }];

/** The question box's code and words load only when a box opens: the page's first download stays within its budget. */
const QuestionBox = lazy(() => import("~/components/question-box"));

/**
 * The page is in the language of the run's plan; as every button on it works as a plain form, on a slow line its
 * scripts wait for the person (app/components/scripts-on-slow-lines.tsx); and it carries only a phone's styles
 * (app/utils/phone-page.ts).
 */
export const handle: LanguageHandle & SlowLineHandle & PhonePageHandle = { ...runLanguage, scriptsWaitOnSlowLines: true, phonePage: true };

/**
 * The whole session without scripts: on a weak signal the page is on screen seconds before its scripts, and some
 * phones never run them. "Join the session", answering, passing, "I'm in" and the signals are plain forms posted
 * here (phoneFormAction), and the page answers with the session as it now stands.
 */
export async function action({ params, request, context }: ActionFunctionArgs) {
  const run = await runInAddress(params, context);
  if (!run || run.row.state !== "live") return redirect(`/j/${encodeURIComponent(run?.row.code ?? params.code ?? "")}`, 303);
  return phoneFormAction(request, context, run);
}

/**
 * The run whose code is in the address, typed however (lower case, a dash); undefined for none. Refused with 429
 * while this client's network got too many codes wrong (decision 023).
 */
async function runInAddress(params: LoaderFunctionArgs["params"], context: LoaderFunctionArgs["context"]) {
  const code = normaliseJoinCode(params.code ?? "");
  const lookup = code ? await context.lookUpCode(code) : undefined;
  if (lookup?.found === "too-many") {
    throw json({ reason: "refusals.tooManyCodes", params: { seconds: lookup.retryAfterSeconds } }, tooManyCodes(lookup.retryAfterSeconds));
  }
  return lookup?.found === "run" ? lookup.run : undefined;
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const run = await runInAddress(params, context);
  if (!run) return json({ found: "none" as const, code: params.code ?? "" }, { status: 404 });
  const code = run.row.code;
  // An ended run's page leaves nothing on the phone that points back to it (as Ended does for a phone with scripts).
  if (run.row.state !== "live") return json({ found: "ended" as const, code }, { status: 410, headers: forgetPhoneCookies(code) });
  const { entered, device } = phoneCookies(request, code);
  // A phone that entered and keeps its page on screen (it refreshes itself without scripts) is still here.
  if (entered && device) context.phoneSeen({ runId: run.row.id, device });
  // What this phone said on the slide on screen, from its secret, so the page shows it before any script runs.
  const { mine, agreed, votedQuestions, ...view } = device
    ? await context.beside.engine.participantSnapshot(run, device)
    : { ...(await context.beside.engine.audienceView(run)), mine: null, agreed: false, votedQuestions: [] };
  // The distress list travels in the page's data, not in its scripts: the phone checks its own answers with it.
  const distress = context.beside.distress.forLanguage(view.run.language);
  // "Change my answer" without scripts is a link to the page with ?change=<prompt>.
  const changing = new URL(request.url).searchParams.get("change");
  return json(
    { found: "live" as const, code, entered, view, mine, agreed, votedQuestions, changing, distress },
    { headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * Reached from another page (the code form), the session's page waits for its language's catalogue as well as its
 * data, so it appears in the room's language at once rather than in the form's first.
 */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  if (data.found === "live") await loadCatalogue(catalogueTag(data.view.run.language, [...LANGUAGES, PSEUDO]));
  return data;
}

export default function ParticipantPage() {
  const data = useLoaderData<typeof loader>();
  // What a form posted without scripts did (phoneFormAction); any post also entered the session.
  const outcome = useActionData<typeof action>() as PhoneFormOutcome | undefined;
  const t = useStrings().phone;
  if (data.found === "none") {
    return (
      <main className="phone">
        <p className="brand">Beside</p>
        <h1>{t.notFound.heading}</h1>
        <p>{t.notFound.text(data.code.toUpperCase())}</p>
        <Link className="button button--primary button--wide" to="/join">
          {t.notFound.typeCode}
        </Link>
        <HelpLink href="/help" />
      </main>
    );
  }
  if (data.found === "ended") return <Ended code={data.code} />;
  return <Gate data={data} outcome={outcome} />;
}

type LiveData = Extract<SerializeFrom<typeof loader>, { found: "live" }>;

/**
 * Before a phone enters a session it sees the plan's content notes and the
 * promise that any question can be passed; nothing connects until it chooses
 * to join. A phone that already entered goes straight in.
 */
function Gate({ data, outcome }: { data: LiveData; outcome: PhoneFormOutcome | undefined }) {
  const { code, view: initialView } = data;
  // Any post but a refused "Join the session" entered the session.
  const refusedEntry = outcome?.intent === "enter" ? outcome.refusal : undefined;
  const [entered, setEntered] = useState(data.entered || (outcome !== undefined && !refusedEntry));
  const refusals = useStrings().refusals;
  if (!entered) {
    return (
      <main className="phone">
        {refusedEntry ? (
          <p className="error" role="alert">
            {sayRefusal(refusals, refusedEntry)}
          </p>
        ) : null}
        <ContentNotesGate
          planTitle={initialView.run.planTitle}
          contentNotes={initialView.run.contentNotes}
          helpHref={helpHref(code, initialView.run.language)}
          action={pageOf(code)}
          onEnter={() => {
            markEntered(code);
            setEntered(true);
          }}
        />
      </main>
    );
  }
  return <Participant data={data} outcome={outcome} />;
}

/** The session's page: every form on it posts here. */
function pageOf(code: string): string {
  return `/j/${code}`;
}

/** "Get help" on the screens that have no safety bar. */
function HelpLink({ href }: { href: string }) {
  const t = useStrings().phone;
  return (
    <p className="phone__help">
      <a className="button button--quiet button--wide" href={href}>
        {t.getHelp}
      </a>
    </p>
  );
}

/** Get help, from a session: in the room's language, with a way back. */
function helpHref(code: string, language: string): string {
  return `/help?${new URLSearchParams({ from: code, lang: language }).toString()}`;
}

/** The end of a run: the phone forgets its secret, so nothing on it points back to this session. */
function Ended({ code }: { code: string }) {
  const t = useStrings().phone.ended;
  useEffect(() => forgetDeviceSecret(code), [code]);
  return (
    <main className="phone">
      <p className="brand">Beside</p>
      <h1>{t.heading}</h1>
      <p>{t.thanks}</p>
      <p>{t.notAlone}</p>
      <HelpLink href="/help" />
    </main>
  );
}

function Participant({ data, outcome }: { data: LiveData; outcome: PhoneFormOutcome | undefined }) {
  const { code, view: initialView, distress } = data;
  const { phone: t, room: { round: roundLine }, refusals } = useStrings();
  const [view, setView] = useState<AudienceView>(initialView);
  const viewRef = useRef(initialView);
  /** What the screen reader hears about the latest change; a new id each time, so the same words are read again. */
  const [announcement, setAnnouncement] = useState<{ id: number; text: string } | null>(null);
  const showView = (next: AudienceView) => {
    const said = announcementFor(t, viewRef.current, next);
    if (said) setAnnouncement((current) => ({ id: (current?.id ?? 0) + 1, text: said }));
    viewRef.current = next;
    setView(next);
  };
  // What the page came with: this phone's answer, "I'm in" and votes on the slide on screen (from its secret's cookie).
  const onScreen = initialView.slide.prompt;
  // A post's own answer stands in when the page's data has none (its secret came with this post, after the request's cookies).
  const posted = outcome?.answer && outcome.promptId === onScreen?.id ? outcome.answer : null;
  const [mine, setMine] = useState<Record<string, Answer | null>>(onScreen ? { [onScreen.id]: data.mine ?? posted } : {});
  /** "I'm in" per agreement slide, as the server last told this phone. */
  const [agreed, setAgreed] = useState<Record<number, boolean>>({ [initialView.slide.index]: data.agreed });
  /** The questions this phone voted for, as the server last said, and as its votes were acknowledged since. */
  const [voted, setVoted] = useState<ReadonlySet<string>>(new Set(data.votedQuestions));
  const [outgoing, setOutgoing] = useState<PendingAnswer | null>(null);
  /** An answer posted by form and refused, on the question still on screen: the form shows again, with it. */
  const refusedHere = onScreen && outcome?.refusal && outcome.promptId === onScreen.id ? outcome : undefined;
  const [formRefusal, setFormRefusal] = useState(refusedHere?.refusal ?? null);
  const [editing, setEditing] = useState(
    onScreen?.phase === "open" && (data.changing === onScreen.id || (refusedHere !== undefined && data.mine !== null)),
  );
  const [unsent, setUnsent] = useState<string | null>(null);
  /** The prompt whose written answer, just sent, held words from the distress list: the phone offers Get help there. */
  const [nudge, setNudge] = useState<string | null>(null);
  const mayDistress = useMemo(() => distressMatcher(distress), [distress]);
  const socketRef = useRef<RunSocket | null>(null);
  const [device, setDevice] = useState<string | null>(null);
  useEffect(() => setDevice(deviceSecretFor(code)), [code]);

  // One outbox for the page's life (useState keeps it; useMemo may not).
  const [outbox] = useState(
    () =>
      new AnswerOutbox({
        send: (payload, timeoutMs) => request(socketRef.current!, "response:submit", payload, timeoutMs),
        isConnected: () => socketRef.current?.connected ?? false,
        changed: setOutgoing,
        committed: (promptId, answer) => {
          setMine((known) => ({ ...known, [promptId]: answer }));
          setEditing(false);
        },
        notSent: setUnsent,
      }),
  );
  useEffect(() => () => outbox.close(), [outbox]);

  const listen = useCallback(
    (socket: RunSocket) => {
      socketRef.current = socket;
      socket.on("participant:snapshot", (snapshot) => {
        showView(snapshot);
        setAgreed((current) => ({ ...current, [snapshot.slide.index]: snapshot.agreed }));
        setVoted(new Set(snapshot.votedQuestions));
        const promptId = snapshot.slide.prompt?.id;
        if (promptId) setMine((current) => ({ ...current, [promptId]: snapshot.mine }));
        outbox.reconnected();
      });
      socket.on("audience:state", (next) => {
        const prompt = next.slide.prompt;
        const previous = viewRef.current.slide.prompt;
        outbox.stateChanged(next);
        if (prompt?.id !== previous?.id || prompt?.phase !== "open") setEditing(false);
        const backOnQuestion = prompt && prompt.id !== previous?.id && prompt.phase !== "pending";
        const onAgreement = next.slide.kind === "agreement" && next.slide.index !== viewRef.current.slide.index;
        if (backOnQuestion || onAgreement) {
          // Back on a question answered earlier, or on the agreement: ask what this device said there, after a random
          // wait, so that a whole room doesn't ask at once (SYNC_SPREAD_MS); not at all if the slide moved on meanwhile.
          setTimeout(() => {
            if (viewRef.current.slide.index !== next.slide.index) return;
            void request(socket, "run:sync", {}).then((result) => {
              // The slide may have moved on again meanwhile: only keep what the reply says about its own slide.
              const snapshot = result.ok ? (result.data as ParticipantSnapshot) : null;
              if (!snapshot || snapshot.slide.index !== next.slide.index) return;
              if (prompt) setMine((current) => ({ ...current, [prompt.id]: snapshot.mine }));
              setAgreed((current) => ({ ...current, [snapshot.slide.index]: snapshot.agreed }));
            });
          }, Math.random() * SYNC_SPREAD_MS);
        }
        showView(next);
      });
      socket.on("audience:live", (live) => showView(withLive(viewRef.current, live)));
    },
    [outbox],
  );

  const auth = useMemo(() => (device ? { role: "participant" as const, code, device } : null), [code, device]);
  const { status, refusal } = useRunSocket(auth, listen);
  const mainRef = useRef<HTMLElement>(null);
  const openPrompt = view.slide.prompt?.phase === "open" ? view.slide.prompt.id : null;
  useFocusKeeper(mainRef, view.slide.index, openPrompt);

  const signal = useCallback(async (kind: SignalKind) => {
    const socket = socketRef.current;
    if (!socket?.connected) return false;
    const result = await request(socket, "signal:send", { kind });
    // "too-many": this phone sent it a moment ago, and that one arrived.
    return result.ok || result.error.code === "too-many";
  }, []);

  const agree = useCallback(async (slideIndex: number) => {
    const socket = socketRef.current;
    if (!socket?.connected) return false;
    const result = await request(socket, "agreement:accept", { slideIndex });
    if (result.ok) setAgreed((current) => ({ ...current, [slideIndex]: true }));
    return result.ok;
  }, []);

  const sendQuestion = useCallback(async (text: string) => {
    const socket = socketRef.current;
    if (!socket?.connected) return { ok: false as const, error: { code: "timeout" as const, reason: "socket.timeout" as const } };
    return request(socket, "question:send", { text }, 8000);
  }, []);

  const voteQuestion = useCallback(async (questionId: string) => {
    const socket = socketRef.current;
    if (!socket?.connected) return { ok: false as const, error: { code: "timeout" as const, reason: "socket.timeout" as const } };
    const result = await request(socket, "question:vote", { questionId });
    if (result.ok) setVoted((current) => new Set([...current, questionId]));
    return result;
  }, []);

  if (view.run.state === "ended") return <Ended code={code} />;

  const { slide, results } = view;
  const prompt = slide.prompt;
  const answer = prompt ? mine[prompt.id] ?? null : null;
  const pendingHere = prompt && outgoing?.promptId === prompt.id ? outgoing : null;
  // The question takes answers here: open, and either unanswered or being changed, with nothing waiting to be sent.
  const answering = prompt?.phase === "open" && (editing || !answer) && !pendingHere;
  const submit = (next: Answer) => {
    if (!prompt) return;
    setUnsent(null);
    setFormRefusal(null);
    outbox.submit(randomToken(12), prompt, next);
    // Checked here, on the phone's own words, after they are on their way; nothing about it is sent anywhere.
    if (writtenWords(next).some(mayDistress)) setNudge(prompt.id);
  };

  return (
    <main className="phone has-safety-bar" lang={view.run.language} ref={mainRef}>
      <header className="phone__bar">
        <span className="brand">Beside</span>
        <ConnectionBadge status={status} />
        <WithoutScripts code={code} answering={answering} />
      </header>
      {/* Announces a new slide or question (announcementFor) without reading the whole slide again. */}
      <p className="visually-hidden" role="status" data-testid="announcer">
        {announcement ? <span key={announcement.id}>{announcement.text}</span> : null}
      </p>
      {view.run.paused ? (
        // During a break: the calm break screen, and the safety bar below it.
        <BreakScreen size="phone" />
      ) : (
        <>
          {refusal ? (
            <p className="error" role="alert">
              {t.unreachable} <Link to="/join">{t.typeCodeAgain}</Link>
            </p>
          ) : null}

          {unsent ? (
            <div className="notice" role="status">
              <p>{t.notCounted(unsent)}</p>
              <button type="button" className="button button--quiet" onClick={() => setUnsent(null)}>
                {t.ok}
              </button>
            </div>
          ) : null}

          <section className="phone__slide">
            <h1 tabIndex={-1}>{slide.title}</h1>
            {slide.sensitive ? <SensitiveNote note={slide.sensitive} /> : null}
            {slide.kind === "agreement" && slide.agreements ? (
              <AgreementList agreements={slide.agreements} inCount={view.agreement?.inCount ?? null} size="phone">
                <ImInButton
                  key={slide.index}
                  action={pageOf(code)}
                  slideIndex={slide.index}
                  agreed={agreed[slide.index] ?? false}
                  failedByForm={outcome?.intent === "agree" && outcome.refusal !== undefined}
                  onAgree={() => agree(slide.index)}
                />
              </AgreementList>
            ) : null}
            {slide.kind === "grounding" && slide.breathing ? <BreathingGuide breathing={slide.breathing} size="phone" /> : null}
            {slide.kind === "round" ? <p className="phone__listen">{roundLine}</p> : null}
            {!prompt && slide.kind === "content" ? <p className="phone__listen">{t.listen}</p> : null}
            {slide.bodyHtml.trim() ? (
              <details className="phone__slide-text" key={slide.index}>
                <summary>{t.slideText}</summary>
                <SlideBody html={slide.bodyHtml} />
              </details>
            ) : null}
          </section>

          {prompt ? (
            <section className="phone__prompt" aria-label={t.question}>
              {/* The form shows the question as its legend; every other state shows it here. */}
              {!answering ? (
                <p className="phone__question" tabIndex={-1}>
                  {prompt.question}
                </p>
              ) : null}
              {prompt.phase === "pending" ? <p className="phone__waiting">{t.pending}</p> : null}

              {formRefusal && answering ? (
                <p className="error" role="alert">
                  {t.sending.notSent(sayRefusal(refusals, formRefusal))}
                </p>
              ) : null}

              {answering ? (
                <AnswerForm
                  key={prompt.id}
                  action={pageOf(code)}
                  prompt={prompt}
                  initial={refusedHere?.draft ?? answer}
                  disabled={false}
                  onSubmit={submit}
                />
              ) : null}

              {pendingHere ? (
                <div className={`sending sending--${pendingHere.state}`} role="status" tabIndex={-1}>
                  {pendingHere.state === "sending" ? <p>{t.sending.sending}</p> : null}
                  {pendingHere.state === "waiting" ? (
                    <p>{status === "online" ? t.sending.retrying : t.sending.offline}</p>
                  ) : null}
                  {pendingHere.state === "failed" ? (
                    <>
                      <p className="error">{t.sending.notSent(pendingHere.refusal ? sayRefusal(refusals, pendingHere.refusal) : "")}</p>
                      <button type="button" className="button button--quiet" onClick={() => outbox.dismiss()}>
                        {t.ok}
                      </button>
                    </>
                  ) : null}
                </div>
              ) : null}

              {answer && !editing && !pendingHere ? (
                <div className="confirmation" role="status" tabIndex={-1} key={prompt.id}>
                  <p className="confirmation__title">{answer.type === "pass" ? t.confirmation.passed : t.confirmation.answered}</p>
                  <p>{describeAnswer(t, prompt, answer)}</p>
                  {prompt.phase === "open" ? (
                    // Without scripts, the page again with the form (?change=); with them, the form at once.
                    <form method="get" action={pageOf(code)}>
                      <input type="hidden" name="change" value={prompt.id} />
                      <button
                        type="submit"
                        className="button button--quiet"
                        onClick={(event) => {
                          event.preventDefault();
                          setEditing(true);
                        }}
                      >
                        {t.confirmation.change}
                      </button>
                    </form>
                  ) : null}
                </div>
              ) : null}

              {nudge === prompt.id && !answering ? <Nudge helpHref={helpHref(code, view.run.language)} onDismiss={() => setNudge(null)} /> : null}

              {prompt.phase === "closed" && !answer ? <p className="phone__waiting">{t.closed}</p> : null}

              {results && results.status !== "hidden" ? <PhoneResults results={results} comparison={view.comparison ?? null} /> : null}
            </section>
          ) : null}

          {view.questions.open ? (
            <Suspense fallback={<p className="phone__waiting">{t.questionBoxLoading}</p>}>
              <QuestionBox
                code={code}
                questions={view.questions}
                k={view.run.k}
                voted={voted}
                maxLength={MAX_QUESTION_LENGTH}
                mayDistress={mayDistress}
                nudge={(onDismiss) => <Nudge helpHref={helpHref(code, view.run.language)} onDismiss={onDismiss} />}
                onSend={sendQuestion}
                onVote={voteQuestion}
              />
            </Suspense>
          ) : null}

          <footer className="phone__footer">
            <p>{t.footer}</p>
          </footer>
        </>
      )}
      <SafetyBar
        helpHref={helpHref(code, view.run.language)}
        action={pageOf(code)}
        sentByForm={outcome?.intent === "signal" && outcome.kind ? { kind: outcome.kind, ok: !outcome.refusal } : undefined}
        onSignal={signal}
      />
    </main>
  );
}

/** Seconds between the page's own refreshes on a phone without scripts, while it has no form being filled in. */
const REFRESH_SECONDS = 15;

/**
 * On a phone without scripts (only: the stylesheet hides it where scripts run, and a <noscript> is read only
 * there), nothing arrives by itself: the page refreshes every REFRESH_SECONDS, except while an answer is being
 * written, and "Refresh" shows what is on screen now.
 */
function WithoutScripts({ code, answering }: { code: string; answering: boolean }) {
  const t = useStrings().phone;
  return (
    <>
      {answering ? null : (
        <noscript>
          <meta httpEquiv="refresh" content={`${REFRESH_SECONDS}; url=${pageOf(code)}`} />
        </noscript>
      )}
      <a className="phone__refresh only-without-scripts" href={pageOf(code)}>
        {t.refresh}
      </a>
    </>
  );
}

/** The words a participant wrote in an answer (open text, word cloud); none for the others. */
function writtenWords(answer: Answer): string[] {
  return answer.type === "pass" ? [] : (inputOf(answer.type).written?.(answer) ?? []);
}

/** Where focus goes when the element that had it disappears: the first of these on the page. */
const FOCUS_AFTER_LOSS = [
  ".confirmation",
  ".sending",
  ".im-in__thanks",
  ".answer-form input:checked",
  ".answer-form textarea, .answer-form input[type='text']",
  ".answer-form__question",
  ".phone__question",
  "h1",
];

/**
 * Keeps a keyboard or screen reader user's place as the session moves on, and never takes focus from a control in
 * use. When the element with focus disappears (a sent form, "Change my answer", a slide that moved on), focus goes
 * to what replaced it; when focus was on nothing, a new slide moves it to the slide's heading, and a question
 * opening moves it to the question.
 */
function useFocusKeeper(main: RefObject<HTMLElement>, slideIndex: number, openPrompt: string | null) {
  // Read while rendering, before React changes the page: an element removed by this render leaves focus on the body.
  const focused = typeof document === "undefined" ? null : document.activeElement;
  const shown = useRef({ slideIndex, openPrompt });
  useEffect(() => {
    const before = shown.current;
    shown.current = { slideIndex, openPrompt };
    const root = main.current;
    if (!root || (document.activeElement !== null && document.activeElement !== document.body)) return;
    const lost = focused !== null && focused !== document.body && !focused.isConnected;
    const idle = focused === null || focused === document.body;
    const newSlide = slideIndex !== before.slideIndex;
    const newQuestion = openPrompt !== null && openPrompt !== before.openPrompt;
    let order: string[] = [];
    if (newSlide && (lost || idle)) order = ["h1"];
    else if (newQuestion && (lost || idle)) order = [".answer-form__question", "h1"];
    else if (lost) order = FOCUS_AFTER_LOSS;
    order.map((selector) => root.querySelector<HTMLElement>(selector)).find((element) => element !== null)?.focus();
  });
}
