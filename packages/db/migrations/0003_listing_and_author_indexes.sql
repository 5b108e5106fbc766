DROP INDEX "projects_listing_idx";--> statement-breakpoint
CREATE INDEX "comments_author_idx" ON "comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "votes_author_idx" ON "votes" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "survey_responses_author_idx" ON "survey_responses" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "projects_listing_idx" ON "projects" USING btree ("platform_id","status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "projects"."listed";