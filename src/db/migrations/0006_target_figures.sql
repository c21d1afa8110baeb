ALTER TABLE `ingestion_targets` ADD `groups_read` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `ingestion_targets` ADD `groups_failed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `ingestion_targets` ADD `throttles` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `ingestion_targets` ADD `last_group_read_at` integer;