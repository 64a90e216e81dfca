import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { staffHeaderIfSignedIn, staffLanguageOf, staffStringsOf } from "~/auth/staff.server";
import { GuideHeader } from "~/components/guide-header";
import { SlideBody } from "~/components/slide-body";
import { metaStaffStrings } from "~/strings/staff";
import { useStaffStrings } from "~/strings/staff";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaStaffStrings(matches).guide.pageTitle(data.page.title) : metaStaffStrings(matches).guide.title },
];

/** Public, as the guide's index: see app/content/guide.server.ts. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // In the reader's language (their account's, else their browser's), English for a page it lacks.
  const staff = await staffHeaderIfSignedIn(request, context);
  const { pages } = context.beside.guides.forLanguage(staffLanguageOf(request, context, staff?.account));
  const index = pages.findIndex((page) => page.slug === params.page);
  if (index === -1) throw new Response(staffStringsOf(request, context, staff?.account).guide.notFound, { status: 404 });
  const neighbour = (i: number) => (pages[i] ? { slug: pages[i]!.slug, title: pages[i]!.title } : null);
  return json({
    staff,
    page: pages[index]!,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  });
}

export default function GuidePage() {
  const { staff, page, previous, next } = useLoaderData<typeof loader>();
  const t = useStaffStrings().guide;
  return (
    <main className="page guide">
      <GuideHeader staff={staff} />
      <p>
        <Link to="/guide">{t.index}</Link>
      </p>
      {/* The page's text says its language: a page a translation lacks is English's (content/guide/<tag>/). */}
      <h1 lang={page.lang}>{page.title}</h1>
      <SlideBody className="guide__text" html={page.html} lang={page.lang} />
      <nav aria-label={t.pager} className="guide__pager">
        {previous ? <Link to={`/guide/${previous.slug}`}>{t.previous(previous.title)}</Link> : <span />}
        {next ? <Link to={`/guide/${next.slug}`}>{t.next(next.title)}</Link> : null}
      </nav>
    </main>
  );
}
