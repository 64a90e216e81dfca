import type { PromptResults } from "../view";

import type { OpenTextTally } from "./index";
import type { OpenTextPrompt } from "./plan";

export const openTextResults: PromptResults<OpenTextPrompt, OpenTextTally> = {
  Results: function TextWall({ tally }) {
    return (
      <ul className="text-wall">
        {tally.entries.map(({ text, count }) => (
          <li key={text}>
            {text}
            {count > 1 ? <span className="text-wall__count"> ×{count}</span> : null}
          </li>
        ))}
      </ul>
    );
  },
};
