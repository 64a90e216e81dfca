import { useEffect, useState } from "react";

import { useStrings } from "~/strings";

import { lazyPart } from "../lazy";
import { fieldTexts, wholeNumber, type FormFields } from "../shared/form-fields";
import type { PromptInput } from "../view";

import type { RankingAnswer } from "./index";
import type { RankingPrompt } from "./plan";

type Props = { prompt: RankingPrompt; draft: RankingAnswer | null; onChange: (answer: RankingAnswer) => void };

/** The places' lists, first place first; a list left on "Choose…" says nothing. */
function orderIn(form: FormFields): number[] {
  return fieldTexts(form, "order")
    .filter((option) => option !== "")
    .map(wholeNumber);
}

/**
 * Until the ordering list's own code has loaded (and on a phone without scripts): one list per place that counts,
 * each offering every option, so the ranking works as a plain form. Nothing is chosen at first, so nobody sends the
 * plan's order by accident.
 */
function PlainOptions({ prompt, draft, onChange }: Props) {
  const t = useStrings().phone.answer.ranking;
  const places = Math.min(prompt.top, prompt.options.length);
  const order = draft?.order ?? [];
  return (
    <div className="ranking-plain">
      <p className="answer-form__hint">{t.plainHint(prompt.top, prompt.options.length)}</p>
      <ol className="ranking">
        {Array.from({ length: places }, (_, place) => (
          <li key={place} className="ranking__item ranking__item--plain">
            <label className="ranking__choose">
              <span className="ranking__place" aria-hidden="true">
                {t.place(place + 1)}
              </span>
              <span className="visually-hidden">{t.placeLabel(place + 1)}</span>
              <select
                name="order"
                value={order[place] === undefined ? "" : String(order[place])}
                onChange={(event) => onChange({ type: "ranking", order: orderIn(new FormData(event.currentTarget.form!)) })}
              >
                <option value="">{t.choose}</option>
                {prompt.options.map((label, option) => (
                  <option key={option} value={option}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Dragging, the move buttons and the announcements: their code loads only on a slide that asks for a ranking. */
const RankList = lazyPart<Props>(() => import("./rank-list"), PlainOptions);

/**
 * The plain lists in the page the server draws, which work without scripts, and the ordering list once the page's
 * scripts run (the answer form reads the lists' choices first, so nothing chosen before then is lost).
 */
function RankingInput(props: Props) {
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  return live ? <RankList {...props} /> : <PlainOptions {...props} />;
}

export const rankingInput: PromptInput<RankingPrompt, RankingAnswer> = {
  Input: RankingInput,
  fromForm: (form, prompt) => {
    const order = orderIn(form);
    return order.length === 0
      ? { refusal: { reason: "answers.rankCount", params: { top: prompt.top, options: prompt.options.length } } }
      : { answer: { type: "ranking", order } };
  },
  isComplete: (answer) => answer.order.length > 0,
  describe: (t, prompt, answer) =>
    prompt.type === "ranking" ? t.ranked(answer.order.map((o, place) => `${place + 1}. ${prompt.options[o]}`).join("; ")) : "",
};
