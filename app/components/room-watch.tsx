import { useEffect, useId, useState } from "react";

import { keepSamples, roomWarning, type RoomSample } from "~/runs/room-watch";
import { useConsoleStrings } from "~/strings/console";

/** How often the warning is looked at again, so a jump's warning goes once its minute is over. */
const RECHECK_MS = 5_000;

/** How long the console must have been online before a rise in the count can be a jump. */
const SETTLE_MS = 20_000;

const storageKey = (code: string) => `beside:room-size:${code}`;

/**
 * The number of phones connected, always on the console, with how many people the facilitator expects (kept in
 * this browser, per run) and a plain warning when there are more phones than that, or the number jumps once the
 * session is under way: results and "I'm in" count phones, not people.
 */
export function RoomWatch({
  code,
  connected,
  online,
  underWay,
  k,
}: {
  code: string;
  connected: number;
  online: boolean;
  underWay: boolean;
  k: number;
}) {
  const t = useConsoleStrings();
  const inputId = useId();
  const [samples, setSamples] = useState<RoomSample[]>([]);
  const [expected, setExpected] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const stored = Number(window.localStorage.getItem(storageKey(code)));
    if (Number.isInteger(stored) && stored > 0) setExpected(stored);
  }, [code]);

  // Counts are sampled only once the console has been online for a while: before that they are the page's own
  // (not live), or phones coming back with it after a drop or a restart, which is no jump.
  const [settledAt, setSettledAt] = useState<number | null>(null);
  useEffect(() => {
    setSamples([]);
    if (!online) return setSettledAt(null);
    const timer = setTimeout(() => setSettledAt(Date.now()), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [online]);

  useEffect(() => {
    if (settledAt === null) return;
    const at = Date.now();
    setNow(at);
    setSamples((current) => keepSamples([...current, { at, connected }], at));
  }, [connected, settledAt]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), RECHECK_MS);
    return () => clearInterval(timer);
  }, []);

  const changeExpected = (value: string) => {
    const number = Number(value);
    const valid = value.trim() !== "" && Number.isInteger(number) && number > 0;
    setExpected(valid ? number : null);
    if (valid) window.localStorage.setItem(storageKey(code), String(number));
    else window.localStorage.removeItem(storageKey(code));
  };

  // More phones than expected is told at once, from the live count; a jump only from settled samples.
  const warning = roomWarning(online ? [...samples, { at: now, connected }] : [], now, expected, underWay && settledAt !== null, k);
  return (
    <>
      <span className="console__connected" data-testid="connected">
        {t.phonesConnected(connected)}
      </span>
      <span className="console__expected">
        <label htmlFor={inputId}>{t.roomExpects}</label>{" "}
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={1}
          max={10000}
          defaultValue={expected ?? undefined}
          key={expected === null ? "none" : "set"}
          onChange={(event) => changeExpected(event.currentTarget.value)}
          data-testid="room-expects"
        />
      </span>
      {warning ? (
        <p className="notice notice--room" role="alert" data-testid="room-warning">
          {warning.kind === "over" ? t.roomOver(warning.connected, warning.expected) : t.roomJump(warning.added)}
        </p>
      ) : null}
    </>
  );
}
