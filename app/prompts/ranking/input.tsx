import { useStrings } from "~/strings";

import { lazyPart } from "../lazy";
import type { PromptInput } from "../view";

import type { RankingAnswer } from "./index";
import type { RankingPrompt } from "./plan";

type Props = { prompt: RankingPrompt; draft: RankingAnswer | null; onChange: (answer: RankingAnswer) => void };

/** The options as they stand, until the ordering list's own code has loaded. */
function PlainOptions({ prompt, draft }: Props) {
  const t = useStrings().phone.answer.ranking;
  const order = draft ? [...draft.order, ...prompt.options.map((_, i) => i).filter((i) => !draft.order.includes(i))] : prompt.options.map((_, i) => i);
  return (
    <ol className="ranking">
      {order.map((option, place) => (
        <li key={option} className="ranking__item ranking__item--plain">
          <span className="ranking__place">{t.place(place + 1)}</span>
          <span className="ranking__label">{prompt.options[option]}</span>
        </li>
      ))}
    </ol>
  );
}

export const rankingInput: PromptInput<RankingPrompt, RankingAnswer> = {
  // Dragging, the move buttons and the announcements load only on a slide that asks for a ranking.
  Input: lazyPart<Props>(() => import("./rank-list"), PlainOptions),
  isComplete: (answer) => answer.order.length > 0,
  describe: (t, prompt, answer) =>
    prompt.type === "ranking" ? t.ranked(answer.order.map((o, place) => `${place + 1}. ${prompt.options[o]}`).join("; ")) : "",
};
