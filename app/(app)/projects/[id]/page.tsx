import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isProjectTab } from "~/components/projects/project-tabs";
import { ProjectWorkspace } from "~/components/projects/project-workspace";
import { HydrateClient, getQueryClient, trpc } from "../../../_trpc/server";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string | string[] }> };

/** The project's own name in the tab title ("Dental desk · Agent Builder"); the same query the page prefetches. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const project = await getQueryClient()
    .fetchQuery(trpc.project.get.queryOptions({ id }))
    .catch(() => null);
  return { title: project?.name ?? "Project not found" };
}

export default async function ProjectPage({ params, searchParams }: Props) {
  const [{ id }, { tab }] = await Promise.all([params, searchParams]);
  const queryClient = getQueryClient();
  try {
    await queryClient.fetchQuery(trpc.project.get.queryOptions({ id }));
  } catch {
    // Missing, malformed and someone else's project look the same.
    notFound();
  }
  // The change panel and the default tab (Consultation) render in the server's HTML, so the
  // page's largest content paints without waiting for client JS and its queries. A failure
  // here is left to the client's own query (it shows the error and retries).
  const consultationShown = !isProjectTab(typeof tab === "string" ? tab : null) || tab === "consultation";
  await Promise.all([
    queryClient.prefetchQuery(trpc.modification.list.queryOptions({ projectId: id })),
    consultationShown && queryClient.prefetchQuery(trpc.consultation.get.queryOptions({ projectId: id })),
  ]);
  return (
    <HydrateClient>
      <ProjectWorkspace projectId={id} />
    </HydrateClient>
  );
}
