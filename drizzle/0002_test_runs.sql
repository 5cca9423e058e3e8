CREATE TABLE "suite_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"version_id" text NOT NULL,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"passed" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"finished_at" timestamp
);
--> statement-breakpoint
CREATE TABLE "test_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"input" text NOT NULL,
	"expectations" jsonb NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_run_details" (
	"result_id" text PRIMARY KEY NOT NULL,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tool_calls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"report_token_hash" text,
	"suite_run_id" text,
	"test_case_id" text,
	"passed" boolean,
	"checks" jsonb,
	"finished_at" timestamp
);
--> statement-breakpoint
ALTER TABLE "suite_runs" ADD CONSTRAINT "suite_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suite_runs" ADD CONSTRAINT "suite_runs_version_id_generated_code_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."generated_code"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_cases" ADD CONSTRAINT "test_cases_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_run_details" ADD CONSTRAINT "test_run_details_result_id_test_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."test_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_run_details" ADD CONSTRAINT "test_run_details_suite_run_id_suite_runs_id_fk" FOREIGN KEY ("suite_run_id") REFERENCES "public"."suite_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_run_details" ADD CONSTRAINT "test_run_details_test_case_id_test_cases_id_fk" FOREIGN KEY ("test_case_id") REFERENCES "public"."test_cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "suite_runs_project_created_idx" ON "suite_runs" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "suite_runs_version_idx" ON "suite_runs" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "test_cases_project_created_idx" ON "test_cases" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "test_run_details_suite_idx" ON "test_run_details" USING btree ("suite_run_id");