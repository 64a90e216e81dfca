import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { staffHeaderIfSignedIn, staffLanguageOf } from "~/auth/staff.server";
import { GuideHeader } from "~/components/guide-header";
import { SlideBody } from "~/components/slide-body";
import { metaStaffStrings } from "~/strings/staff";
import { useStaffStrings } from "~/strings/staff";

export const meta: MetaFunction = ({ matches }) => [{ title: metaStaffStrings(matches).guide.title }];

/** Public, as the guide module says (app/content/guide.server.ts): a volunteer may read it before they have an account. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  // In the reader's language (their account's, else their browser's), English for what it lacks.
  const staff = await staffHeaderIfSignedIn(request, context);
  const guide = context.beside.guides.forLanguage(staffLanguageOf(request, context, staff?.account));
  return json({
    staff,
    title: guide.title,
    introHtml: guide.introHtml,
    lang: guide.lang,
    pages: guide.pages.map(({ slug, title, lang }) => ({ slug, title, lang })),
  });
}

export default function GuideIndex() {
  const { staff, title, introHtml, lang, pages } = useLoaderData<typeof loader>();
  const t = useStaffStrings().guide;
  return (
    <main className="page guide">
      <GuideHeader staff={staff} />
      {/* The guide's own text says its language: a page a translation lacks is English's (content/guide/<tag>/). */}
      <h1 lang={lang}>{title}</h1>
      <SlideBody className="guide__text" html={introHtml} lang={lang} />
      <nav aria-labelledby="guide-contents">
        <h2 id="guide-contents">{t.contents}</h2>
        <ol className="guide__contents">
          {pages.map((page) => (
            <li key={page.slug}>
              <Link to={`/guide/${page.slug}`} lang={page.lang}>
                {page.title}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
    </main>
  );
}
