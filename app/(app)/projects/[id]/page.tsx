import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProjectWorkspace } from "~/components/projects/project-workspace";
import { HydrateClient, getQueryClient, trpc } from "../../../_trpc/server";

export const metadata: Metadata = { title: "Project" };

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    await getQueryClient().fetchQuery(trpc.project.get.queryOptions({ id }));
  } catch {
    // Missing, malformed and someone else's project look the same.
    notFound();
  }
  return (
    <HydrateClient>
      <ProjectWorkspace projectId={id} />
    </HydrateClient>
  );
}
