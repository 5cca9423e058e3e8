CREATE TABLE "aws_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"role_arn" text,
	"external_id" text NOT NULL,
	"region" text NOT NULL,
	"mode" text NOT NULL,
	"verified_at" timestamp,
	"created_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "aws_connections_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "deployment_invocations" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"deployment_id" text NOT NULL,
	"input" text NOT NULL,
	"output" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"latency_first_token_ms" integer,
	"latency_total_ms" integer,
	"tokens_in" integer,
	"tokens_out" integer,
	"error" text,
	"created_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"version_id" text,
	"version" integer,
	"user_id" text NOT NULL,
	"environment" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"stack_name" text NOT NULL,
	"region" text NOT NULL,
	"change_set_name" text,
	"build_id" text,
	"image_uri" text,
	"parameters" jsonb,
	"changes" jsonb,
	"outputs" jsonb,
	"retained" jsonb,
	"last_event_id" text,
	"error" text,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	"finished_at" timestamp
);
--> statement-breakpoint
ALTER TABLE "aws_connections" ADD CONSTRAINT "aws_connections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_invocations" ADD CONSTRAINT "deployment_invocations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_invocations" ADD CONSTRAINT "deployment_invocations_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_version_id_generated_code_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."generated_code"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deployment_invocations_project_created_idx" ON "deployment_invocations" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "deployments_project_created_idx" ON "deployments" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_one_active_uq" ON "deployments" USING btree ("project_id","environment") WHERE status in ('pending','uploading','building','creating_change_set','review','executing','deleting');