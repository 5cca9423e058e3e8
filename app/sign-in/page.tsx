import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "~/components/auth/sign-in-form";
import { isGithubEnabled } from "~/server/auth/options";
import { getSessionUser } from "../_auth/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await getSessionUser()) redirect("/dashboard");
  return <SignInForm github={isGithubEnabled()} />;
}
