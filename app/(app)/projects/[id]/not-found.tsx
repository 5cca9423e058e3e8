import { AppLink } from "../../../../components/ui/app-link";

export default function ProjectNotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-xl font-bold">Project not found</h1>
      <p className="mt-2 text-sm text-slate-600">It does not exist, or it is not yours.</p>
      <AppLink href="/dashboard" className="mt-6 inline-block text-sm font-medium text-brand-600">Back to your projects</AppLink>
    </div>
  );
}
