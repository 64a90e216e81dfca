CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"disabled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"language" text,
	CONSTRAINT "accounts_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "agreement_acceptances" (
	"run_id" text NOT NULL,
	"slide_index" integer NOT NULL,
	"acceptance_key" text NOT NULL,
	CONSTRAINT "agreement_acceptances_run_id_slide_index_acceptance_key_pk" PRIMARY KEY("run_id","slide_index","acceptance_key")
);
--> statement-breakpoint
CREATE TABLE "archived_plans" (
	"plan_key" text PRIMARY KEY NOT NULL,
	"archived_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_sessions" (
	"course_id" text NOT NULL,
	"position" integer NOT NULL,
	"plan_id" text NOT NULL,
	CONSTRAINT "course_sessions_course_id_position_pk" PRIMARY KEY("course_id","position")
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"cloned_from" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderations" (
	"run_id" text NOT NULL,
	"prompt_id" text NOT NULL,
	"value" text NOT NULL,
	"decision" text NOT NULL,
	CONSTRAINT "moderations_run_id_prompt_id_value_pk" PRIMARY KEY("run_id","prompt_id","value")
);
--> statement-breakpoint
CREATE TABLE "plan_snapshots" (
	"hash" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"plan_id" text NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"hash" text NOT NULL,
	"valid" boolean NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "plan_versions_plan_id_version_pk" PRIMARY KEY("plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" text PRIMARY KEY NOT NULL,
	"cloned_from" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prompt_phases" (
	"run_id" text NOT NULL,
	"prompt_id" text NOT NULL,
	"phase" text NOT NULL,
	"revealed" boolean DEFAULT false NOT NULL,
	"released" boolean DEFAULT false NOT NULL,
	"spotlight" text,
	CONSTRAINT "prompt_phases_run_id_prompt_id_pk" PRIMARY KEY("run_id","prompt_id")
);
--> statement-breakpoint
CREATE TABLE "question_votes" (
	"run_id" text NOT NULL,
	"question_id" text NOT NULL,
	"vote_key" text NOT NULL,
	CONSTRAINT "question_votes_run_id_question_id_vote_key_pk" PRIMARY KEY("run_id","question_id","vote_key")
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"run_id" text NOT NULL,
	"question_id" text NOT NULL,
	"text" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"released_votes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "questions_run_id_question_id_pk" PRIMARY KEY("run_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"run_id" text NOT NULL,
	"prompt_id" text NOT NULL,
	"response_key" text NOT NULL,
	"passed" boolean NOT NULL,
	"answer" jsonb NOT NULL,
	"released_answer" jsonb,
	CONSTRAINT "responses_run_id_prompt_id_response_key_pk" PRIMARY KEY("run_id","prompt_id","response_key")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"plan_id" text NOT NULL,
	"plan_hash" text NOT NULL,
	"facilitator_secret_hash" text NOT NULL,
	"response_key_salt" text,
	"k" integer NOT NULL,
	"current_slide" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'live' NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"slide_started_at" timestamp (3) with time zone,
	"blanked" boolean DEFAULT false NOT NULL,
	"countdown_ends_at" timestamp (3) with time zone,
	"countdown_seconds" integer,
	"ended_at" timestamp (3) with time zone,
	"text_purged_at" timestamp (3) with time zone,
	"plan_version" integer,
	"started_by" text,
	"peak_participants" integer DEFAULT 0 NOT NULL,
	"questions_open" boolean DEFAULT false NOT NULL,
	"questions_closed_here" boolean DEFAULT false NOT NULL,
	CONSTRAINT "runs_code_unique" UNIQUE("code"),
	CONSTRAINT "runs_facilitator_secret_hash_unique" UNIQUE("facilitator_secret_hash"),
	CONSTRAINT "runs_k_min" CHECK ("runs"."k" >= 3)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_acceptances" ADD CONSTRAINT "agreement_acceptances_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_sessions" ADD CONSTRAINT "course_sessions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_sessions" ADD CONSTRAINT "course_sessions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderations" ADD CONSTRAINT "moderations_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_phases" ADD CONSTRAINT "prompt_phases_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_votes" ADD CONSTRAINT "question_votes_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_plan_hash_plan_snapshots_hash_fk" FOREIGN KEY ("plan_hash") REFERENCES "public"."plan_snapshots"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_started_by_accounts_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "runs_state_idx" ON "runs" USING btree ("state");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");