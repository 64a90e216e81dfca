/** The facilitator guide's pages (their text is in content/guide; these are the words around it). */
export const guide = {
  title: "Facilitator guide · Beside",
  pageTitle: (pageTitle: string) => `${pageTitle} · Facilitator guide · Beside`,
  nav: "Guide",
  contents: "The guide's pages",
  index: "All the guide's pages",
  library: "Library",
  signIn: "Sign in",
  previous: (title: string) => `Previous: ${title}`,
  next: (title: string) => `Next: ${title}`,
  pager: "Pages before and after this one",
  notFound: "There is no page of the guide at this address.",
};
