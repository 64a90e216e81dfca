import { useBeforeUnload, useBlocker, useNavigation, type Location } from "@remix-run/react";
import { useCallback, useEffect } from "react";

import { useStaffStrings } from "~/strings/staff";

/**
 * Whether moving from `current` to `next` leaves the page with unsaved
 * changes. Staying on the same path (the save's own POST, or `?saved=N`
 * after it) isn't leaving, and neither is anything while the save is in
 * flight: the text is on its way to being kept.
 */
export function leavesUnsaved(unsaved: boolean, saving: boolean, current: Pick<Location, "pathname">, next: Pick<Location, "pathname">): boolean {
  return unsaved && !saving && current.pathname !== next.pathname;
}

/**
 * Asks before the page is left while it holds unsaved changes: a browser
 * prompt for closing or reloading the tab, a confirm for links, the header's
 * nav and sign-out (any in-app navigation).
 */
export function useLeaveGuard(unsaved: boolean) {
  const saving = useNavigation().state === "submitting";
  const question = useStaffStrings().library.edit.leave;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => leavesUnsaved(unsaved, saving, currentLocation, nextLocation));

  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(question)) blocker.proceed();
    else blocker.reset();
  }, [blocker, question]);

  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!unsaved || saving) return;
        // Browsers show their own wording here; both calls are needed across browsers.
        event.preventDefault();
        event.returnValue = "";
      },
      [unsaved, saving],
    ),
  );
}
