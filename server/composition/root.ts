import { getPlatform, type Platform } from "../platform";
import { configuredLanguageModel, createServices, type AppServices, type ServiceOverrides } from "./services";

/**
 * The composition root of a process: the one place that holds its services. Keyed by
 * platform (tests start several) and kept on globalThis because the local launcher and the
 * Next.js server bundle load this module separately in one process and must share one
 * model circuit breaker and one test runner.
 */
const g = globalThis as unknown as { __agentBuilderServices?: WeakMap<Platform, AppServices> };
const roots = (g.__agentBuilderServices ??= new WeakMap());

export function servicesFor(platform: Platform): AppServices {
  let services = roots.get(platform);
  if (!services) roots.set(platform, (services = createServices(platform)));
  return services;
}

/** The services of this process's platform (the web process's entry points call this). */
export async function getServices(): Promise<AppServices> {
  return servicesFor(await getPlatform());
}

/**
 * Replaces some services in place, so callers already holding the services see the change
 * (tests inject failing models, stub runners). `reset` puts the configured model back.
 */
export function overrideServices(platform: Platform, overrides: ServiceOverrides | "reset-model"): AppServices {
  const services = servicesFor(platform);
  if (overrides === "reset-model") services.languageModel = configuredLanguageModel(services.registry);
  else Object.assign(services, overrides);
  return services;
}
