import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { staffHeaderIfSignedIn } from "~/auth/staff.server";
import { GuideHeader } from "~/components/guide-header";
import { SlideBody } from "~/components/slide-body";
import { metaStaffStrings } from "~/strings/staff";
import { useStaffStrings } from "~/strings/staff";

export const meta: MetaFunction = ({ matches }) => [{ title: metaStaffStrings(matches).guide.title }];

/** Public, as the guide module says (app/content/guide.server.ts): a volunteer may read it before they have an account. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { guide } = context.beside;
  return json({
    staff: staffHeaderIfSignedIn(request, context),
    title: guide.title,
    introHtml: guide.introHtml,
    pages: guide.pages.map(({ slug, title }) => ({ slug, title })),
  });
}

export default function GuideIndex() {
  const { staff, title, introHtml, pages } = useLoaderData<typeof loader>();
  const t = useStaffStrings().guide;
  return (
    <main className="page guide">
      <GuideHeader staff={staff} />
      {/* The guide's own text is written in English (content/guide); its frame speaks the staff member's language. */}
      <h1 lang="en">{title}</h1>
      <SlideBody className="guide__text" html={introHtml} lang="en" />
      <nav aria-labelledby="guide-contents">
        <h2 id="guide-contents">{t.contents}</h2>
        <ol className="guide__contents">
          {pages.map((page) => (
            <li key={page.slug}>
              <Link to={`/guide/${page.slug}`} lang="en">
                {page.title}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
    </main>
  );
}
