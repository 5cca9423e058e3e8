import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProjectWorkspace } from "~/components/projects/project-workspace";
import { HydrateClient, getQueryClient, trpc } from "../../../_trpc/server";

type Props = { params: Promise<{ id: string }> };

/** The project's own name in the tab title ("Dental desk · Agent Builder"); the same query the page prefetches. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const project = await getQueryClient()
    .fetchQuery(trpc.project.get.queryOptions({ id }))
    .catch(() => null);
  return { title: project?.name ?? "Project not found" };
}

export default async function ProjectPage({ params }: Props) {
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
