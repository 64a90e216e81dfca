/**
 * A file the browser saves rather than shows: `type` is its Content-Type, `filename` the name it is saved as.
 * Never cached: a plan or a past run's results shouldn't linger in a shared browser's cache.
 */
export function downloadResponse(body: string, { type, filename }: { type: string; filename: string }): Response {
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
