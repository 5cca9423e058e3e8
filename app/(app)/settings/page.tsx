import type { Metadata } from "next";
import { TokenManager } from "~/components/settings/token-manager";
import { HydrateClient, getQueryClient, trpc } from "../../_trpc/server";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await getQueryClient().prefetchQuery(trpc.token.list.queryOptions());
  return (
    <HydrateClient>
      <div className="flex flex-col gap-6">
        <div>
          <h1 className="text-2xl font-bold">Settings</h1>
          <p className="text-sm text-slate-500">API tokens let scripts and CI call the API with the typed client or the CLI.</p>
        </div>
        <TokenManager />
      </div>
    </HydrateClient>
  );
}
