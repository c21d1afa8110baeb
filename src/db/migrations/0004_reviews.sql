CREATE TABLE `review_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`at` integer NOT NULL,
	`by` text NOT NULL,
	`action` text NOT NULL,
	`lens` text,
	`question_id` text,
	`detail` text,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_events_review` ON `review_events` (`review_id`,`id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workload` text NOT NULL,
	`run_key` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`started_by` text,
	`finished_at` integer,
	`milestone_number` integer,
	`milestone_name` text,
	`channel` text,
	`message_ts` text,
	`last_reminder_at` integer,
	`state` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_workload_run` ON `reviews` (`workload`,`run_key`);--> statement-breakpoint
CREATE INDEX `reviews_status` ON `reviews` (`status`);