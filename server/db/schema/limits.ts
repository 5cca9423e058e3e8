import { integer, pgTable, timestamp, varchar } from "drizzle-orm/pg-core";

/**
 * Rate-limit buckets of rate-limiter-flexible's Drizzle store (its expected shape: key,
 * points, expire). In Postgres so a limit holds across every instance in aws mode.
 */
export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { mode: "date" }),
});
