export * from "./auth";
export * from "./projects";
export * from "./testing";
export * from "./limits";
