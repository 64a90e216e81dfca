import { useEffect, useRef, useState, type PointerEvent } from "react";

import { useStrings } from "~/strings";

import type { RankingAnswer } from "./index";
import type { RankingPrompt } from "./plan";

/** Every option's place in the plan's list, the participant's order first and the rest after, in plan order. */
function fullOrder(prompt: RankingPrompt, draft: RankingAnswer | null): number[] {
  const ranked = draft ? draft.order.filter((o) => o >= 0 && o < prompt.options.length) : [];
  return [...ranked, ...prompt.options.map((_, i) => i).filter((i) => !ranked.includes(i))];
}

/** `order` with `option` moved to `place`. */
function moveTo(order: number[], option: number, place: number): number[] {
  const rest = order.filter((o) => o !== option);
  return [...rest.slice(0, place), option, ...rest.slice(place)];
}

/**
 * A ranking on a phone: the options in a list the participant reorders by dragging a handle (pointer events: touch,
 * pen and mouse alike) or with each option's "Move up" and "Move down" buttons; a polite live region says where the
 * moved option now is. Loaded only on a ranking slide (see input.tsx).
 */
export default function RankList({
  prompt,
  draft,
  onChange,
}: {
  prompt: RankingPrompt;
  draft: RankingAnswer | null;
  onChange: (answer: RankingAnswer) => void;
}) {
  const t = useStrings().phone.answer.ranking;
  const [order, setOrder] = useState(() => fullOrder(prompt, draft));
  const [said, setSaid] = useState("");
  const [dragging, setDragging] = useState<number | null>(null);
  const [refocus, setRefocus] = useState<{ option: number; direction: "up" | "down" } | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const places = prompt.options.length;
  const limited = prompt.top < places;

  // React may move the focused item's node to reorder the list, which takes focus away: give it back.
  useEffect(() => {
    if (refocus) buttons.current.get(`${refocus.option}:${refocus.direction}`)?.focus();
  }, [refocus, order]);

  const commit = (next: number[], option: number) => {
    setOrder(next);
    onChange({ type: "ranking", order: next.slice(0, prompt.top) });
    const place = next.indexOf(option);
    setSaid(t.moved(prompt.options[option] ?? "", place + 1, places, place < prompt.top));
  };

  const step = (option: number, direction: "up" | "down") => {
    const place = order.indexOf(option) + (direction === "up" ? -1 : 1);
    if (place < 0 || place >= places) return;
    setRefocus({ option, direction });
    commit(moveTo(order, option, place), option);
  };

  // While dragging, the option takes the place of the items whose middle the pointer has passed.
  const dragTo = (event: PointerEvent, option: number): number[] => {
    const others = [...(list.current?.children ?? [])].filter((item) => item instanceof HTMLElement && item.dataset.option !== String(option));
    const place = others.filter((item) => {
      const box = item.getBoundingClientRect();
      return box.top + box.height / 2 < event.clientY;
    }).length;
    return order.indexOf(option) === place ? order : moveTo(order, option, place);
  };

  return (
    <div className="ranking-input">
      <p className="answer-form__hint">{t.hint(prompt.top, places)}</p>
      <ol
        className="ranking"
        ref={list}
        onPointerMove={(event) => {
          if (dragging === null) return;
          const next = dragTo(event, dragging);
          if (next === order) return;
          setOrder(next);
          onChange({ type: "ranking", order: next.slice(0, prompt.top) });
        }}
        onPointerUp={(event) => {
          if (dragging === null) return;
          const next = dragTo(event, dragging);
          // A tap on the handle that moved nothing doesn't make the plan's order the participant's.
          if (next !== order || draft !== null) commit(next, dragging);
          setDragging(null);
        }}
        onPointerCancel={() => setDragging(null)}
      >
        {order.map((option, place) => {
          const label = prompt.options[option] ?? "";
          const counted = place < prompt.top;
          return (
            <li
              key={option}
              data-option={option}
              className={`ranking__item${counted ? "" : " ranking__item--not-counted"}${dragging === option ? " ranking__item--dragging" : ""}`}
            >
              <span
                className="ranking__handle"
                aria-hidden="true"
                onPointerDown={(event) => {
                  event.preventDefault();
                  // The list holds the pointer, not the handle: reordering moves the handle's item in the page.
                  list.current?.setPointerCapture(event.pointerId);
                  setRefocus(null);
                  setDragging(option);
                }}
              >
                ⠿
              </span>
              <span className="ranking__place">{t.place(place + 1)}</span>
              <span className="ranking__label">
                {label}
                {limited && !counted ? <span className="ranking__tag"> {t.notCounted}</span> : null}
              </span>
              <button
                type="button"
                className="ranking__move"
                aria-label={t.moveUp(label)}
                aria-disabled={place === 0}
                ref={(button) => void (button ? buttons.current.set(`${option}:up`, button) : buttons.current.delete(`${option}:up`))}
                onClick={() => step(option, "up")}
              >
                ↑
              </button>
              <button
                type="button"
                className="ranking__move"
                aria-label={t.moveDown(label)}
                aria-disabled={place === places - 1}
                ref={(button) => void (button ? buttons.current.set(`${option}:down`, button) : buttons.current.delete(`${option}:down`))}
                onClick={() => step(option, "down")}
              >
                ↓
              </button>
            </li>
          );
        })}
      </ol>
      {/* Under the list: when it goes, nothing moves under a finger that is dragging. */}
      {draft === null ? <p className="answer-form__hint">{t.untouched}</p> : null}
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  );
}
