import { z } from "zod";

/**
 * The course format: a YAML file in content/courses naming an ordered list of
 * plans an organiser runs with one group over weeks. Documented in content/README.md.
 * No server-only imports: the course pages' types come from here.
 */

const slug = z
  .string()
  .max(60, "must be at most 60 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must use only lower-case letters, digits and single hyphens, like going-it-alone");

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const MIN_COURSE_SESSIONS = 2;
export const MAX_COURSE_SESSIONS = 12;

/** The largest course file Beside reads (UTF-8 bytes): a course is a title, a summary and a list of ids. */
export const MAX_COURSE_BYTES = 20_000;

export const courseSchema = z
  .object({
    id: slug,
    title: text(120),
    summary: text(600),
    sessions: z
      .array(slug)
      .min(MIN_COURSE_SESSIONS, `must list at least ${MIN_COURSE_SESSIONS} sessions, one plan id per "- " line`)
      .max(MAX_COURSE_SESSIONS, `can list at most ${MAX_COURSE_SESSIONS} sessions`)
      .superRefine((sessions, ctx) => {
        sessions.forEach((session, i) => {
          const first = sessions.indexOf(session);
          if (first < i) {
            ctx.addIssue({ code: "custom", path: [i], message: `names plan "${session}" again (it is already session ${first + 1}): each plan comes once` });
          }
        });
      }),
  })
  .strict();

export type Course = z.infer<typeof courseSchema>;

export interface CourseIssue {
  file: string;
  line: number;
  message: string;
}
