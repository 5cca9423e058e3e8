CREATE TABLE "test_run_approvals" (
	"run_id" text NOT NULL,
	"id" text NOT NULL,
	"tool" text NOT NULL,
	"expires_at" timestamp NOT NULL,
	"decision" text,
	"decided_at" timestamp,
	"created_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "test_run_approvals_run_id_id_pk" PRIMARY KEY("run_id","id")
);
--> statement-breakpoint
ALTER TABLE "test_run_approvals" ADD CONSTRAINT "test_run_approvals_run_id_test_results_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."test_results"("id") ON DELETE cascade ON UPDATE no action;