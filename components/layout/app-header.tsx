"use client";

import { AppLink } from "../ui/app-link";
import { usePathname } from "next/navigation";
import { cn } from "../ui/cn";

const NAV = [
  { href: "/dashboard", label: "Projects", section: ["/dashboard", "/projects"] },
  { href: "/settings", label: "Settings", section: ["/settings"] },
];

/** next-auth's client (~11 kB gzip) is needed only when someone signs out: loaded on the click, not with every page. */
async function signOut() {
  const { signOut: nextAuthSignOut } = await import("next-auth/react");
  await nextAuthSignOut({ callbackUrl: "/" });
}

export function AppHeader({ email }: { email: string }) {
  const pathname = usePathname();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-6">
        <AppLink href="/dashboard" className="text-sm font-bold tracking-wide text-brand-600 uppercase">Agent Builder</AppLink>
        <nav aria-label="Main" className="flex gap-1">
          {NAV.map((item) => {
            const active = item.section.some((s) => pathname.startsWith(s));
            return (
            <AppLink
              key={item.href}
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cn("rounded-md px-3 py-1.5 text-sm", active ? "bg-slate-100 font-medium text-slate-900" : "text-slate-600 hover:text-slate-900")}
            >
              {item.label}
            </AppLink>
            );
          })}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="text-slate-500" data-testid="user-email">{email}</span>
          <button className="rounded-md px-3 py-1.5 text-slate-700 hover:bg-slate-100" onClick={() => void signOut()}>Sign out</button>
        </div>
      </div>
    </header>
  );
}
