export * from "./auth";
export * from "./projects";
export * from "./testing";
export * from "./deploy";
export * from "./limits";
