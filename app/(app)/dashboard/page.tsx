import type { Metadata } from "next";
import { ProjectList } from "~/components/projects/project-list";
import { HydrateClient, getQueryClient, trpc } from "../../_trpc/server";

export const metadata: Metadata = { title: "Projects" };

export default async function DashboardPage() {
  await getQueryClient().prefetchQuery(trpc.project.list.queryOptions());
  return (
    <HydrateClient>
      <ProjectList />
    </HydrateClient>
  );
}
