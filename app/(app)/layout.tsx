import type { ReactNode } from "react";
import { AppHeader } from "~/components/layout/app-header";
import { requireSessionUser } from "../_auth/session";

export const dynamic = "force-dynamic";

/** Everything under (app) needs a signed-in user. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireSessionUser();
  return (
    <>
      <AppHeader email={user.email ?? user.name ?? "Signed in"} />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
