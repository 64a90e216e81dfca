import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useCallback, useState } from "react";

import { AgreementList } from "~/components/agreement-list";
import { BreakScreen } from "~/components/break-screen";
import { BreathingGuide } from "~/components/breathing-guide";
import { ComparedResults, ResultsView, SpotlightView } from "~/components/results-view";
import { SensitiveNote } from "~/components/sensitive-note";
import { SlideBody } from "~/components/slide-body";
import { publicOrigin } from "~/utils/public-origin.server";
import type { Prompt } from "~/content/plan-schema";
import type { AudienceView } from "~/realtime/events";
import { withLive } from "~/realtime/live";
import { useRunSocket, type RunSocket } from "~/realtime/use-run-socket";
import { displayTheme } from "~/settings/display-theme";

export const meta: MetaFunction = () => [{ title: "Beside" }];

/** The audience display: public by design; it shows only what the room may see. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { engine, config, settings } = context.beside;
  const run = engine.loadRunByCode((params.code ?? "").toUpperCase());
  if (!run) throw new Response("There is no session with this code.", { status: 404 });
  const origin = publicOrigin(request, config);
  const { displayColours, organisationName } = settings.current();
  return json(
    { view: engine.audienceView(run), joinPage: `${origin.replace(/^https?:\/\//, "")}/join`, displayColours, organisationName },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Display() {
  const { view: initialView, joinPage, displayColours, organisationName } = useLoaderData<typeof loader>();
  // The organisation's colours, if it chose any, as the custom properties the display's stylesheet reads.
  const theme = displayTheme(displayColours);
  const [view, setView] = useState<AudienceView>(initialView);
  const listen = useCallback((socket: RunSocket) => {
    socket.on("audience:state", setView);
    socket.on("audience:live", (live) => setView((current) => withLive(current, live)));
  }, []);
  useRunSocket({ role: "display", code: initialView.run.code }, listen);

  const { slide, results, run, spotlight } = view;
  if (run.state === "ended") {
    return (
      <main className="display display--ended" style={theme}>
        <h1>Thank you for being here.</h1>
        <p>This session has ended.</p>
      </main>
    );
  }
  const footer = (
    <footer className="display__join">
      <span>
        Join at <strong>{joinPage}</strong>
      </span>
      {organisationName ? <small className="display__organisation">{organisationName}</small> : null}
      <span>
        code <strong className="code code--large">{run.code}</strong>
      </span>
    </footer>
  );
  if (run.paused) {
    return (
      <main className="display display--break" lang={run.language} style={theme}>
        <BreakScreen size="display" />
        {footer}
      </main>
    );
  }
  return (
    <main className="display" lang={run.language} style={theme}>
      <section className="display__slide" aria-live="polite">
        <h1>{slide.title}</h1>
        {slide.sensitive ? <SensitiveNote note={slide.sensitive} /> : null}
        {!spotlight && (!results || results.status === "hidden") ? <SlideBody html={slide.bodyHtml} /> : null}
        {slide.kind === "agreement" && slide.agreements ? (
          <AgreementList agreements={slide.agreements} inCount={view.agreement?.inCount ?? 0} size="display" />
        ) : null}
        {slide.kind === "grounding" && slide.breathing ? <BreathingGuide breathing={slide.breathing} size="display" /> : null}
        {slide.prompt ? (
          <div className="display__prompt">
            <p className="display__question">{slide.prompt.question}</p>
            {results?.status === "hidden" ? <PromptChoices prompt={slide.prompt} /> : null}
            {slide.prompt.phase === "open" ? (
              <p className="display__hint">
                {results?.status === "hidden"
                  ? "Answer on your phone, or pass. Results stay hidden for now."
                  : "Answer on your phone, or pass. New answers appear in groups, never one by one."}
              </p>
            ) : null}
            {spotlight ? (
              <SpotlightView spotlight={spotlight} />
            ) : view.comparison ? (
              <ComparedResults comparison={view.comparison} results={results} size="large" />
            ) : (
              <ResultsView results={results} size="large" />
            )}
          </div>
        ) : null}
      </section>
      {footer}
    </main>
  );
}

/** What the room can choose from, before any result is shown. */
function PromptChoices({ prompt }: { prompt: Prompt }) {
  if (prompt.type === "single-choice" || prompt.type === "multiple-choice") {
    return (
      <ul className="display__options">
        {prompt.options.map((option) => (
          <li key={option}>{option}</li>
        ))}
      </ul>
    );
  }
  if (prompt.type === "scale") {
    return (
      <p className="display__scale">
        {prompt.min} = {prompt.minLabel} · {prompt.max} = {prompt.maxLabel}
      </p>
    );
  }
  return null;
}
