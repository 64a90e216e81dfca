/** The error page, for any page that fails. */
export const errors = {
  /** Headings for the statuses people meet in normal use; any other is `heading`. */
  headings: { 403: "Not for this account", 404: "Not found", 429: "Too many tries" } as Partial<Record<number, string>>,
  heading: "Something went wrong",
  serverError: "Something went wrong on our side. Reloading the page usually helps.",
  back: "Back to Beside",
};
