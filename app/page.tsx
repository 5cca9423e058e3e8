import { AppLink } from "../components/ui/app-link";
import { redirect } from "next/navigation";
import { getSessionUser } from "./_auth/session";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  if (await getSessionUser()) redirect("/dashboard");
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-8 px-6">
      <div>
        <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase">Agent Builder</p>
        <h1 className="mt-2 text-4xl font-bold tracking-tight text-slate-900">From “I need an AI agent for X” to a verified, deployable project on AWS.</h1>
        <p className="mt-4 text-lg text-slate-600">
          Describe your agent, get a reviewable spec, a recommended model and tools, generated code with its infrastructure, the monthly cost before you deploy, and a test run — all offline on your laptop or on AWS.
        </p>
      </div>
      <div className="flex gap-3">
        <AppLink href="/sign-up" className="rounded-md bg-brand-600 px-4 py-2.5 text-sm font-medium text-white hover:bg-brand-700">Create an account</AppLink>
        <AppLink href="/sign-in" className="rounded-md px-4 py-2.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-white">Sign in</AppLink>
      </div>
    </main>
  );
}
