import { AppLink } from "../ui/app-link";
import type { ReactNode } from "react";

export function AuthCard({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <AppLink href="/" className="text-sm font-semibold tracking-wide text-brand-600 uppercase">Agent Builder</AppLink>
        <h1 className="mt-2 mb-6 text-2xl font-bold">{title}</h1>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
        <p className="mt-4 text-center text-sm text-slate-600">{footer}</p>
      </div>
    </main>
  );
}
