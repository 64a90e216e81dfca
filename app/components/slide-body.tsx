/** Slide Markdown, rendered on the server with raw HTML disabled; `lang` is the plan's language. */
export function SlideBody({ html, className = "slide-body", lang }: { html: string; className?: string; lang?: string }) {
  if (!html.trim()) return null;
  return <div className={className} lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}
