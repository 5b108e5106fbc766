ALTER TABLE "folders" ADD COLUMN "path" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "folder_path" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
CREATE INDEX "folders_path_idx" ON "folders" USING gin ("path");--> statement-breakpoint
CREATE INDEX "projects_folder_path_idx" ON "projects" USING gin ("folder_path");