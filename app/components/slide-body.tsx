/** Slide Markdown, rendered on the server with raw HTML disabled. */
export function SlideBody({ html, className = "slide-body" }: { html: string; className?: string }) {
  if (!html.trim()) return null;
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
