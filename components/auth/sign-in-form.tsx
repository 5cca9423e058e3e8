"use client";

import { AppLink } from "../ui/app-link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { Field } from "../ui/input";
import { AuthCard } from "./auth-card";

export function SignInForm({ github }: { github: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", { redirect: false, email: form.get("email"), password: form.get("password") });
    setBusy(false);
    // Locked out (429): the server's "try again in N s". Otherwise one generic message for an unknown email and a wrong password alike.
    if (result?.status === 429 && result.error) return setError(result.error);
    if (!result || result.error) return setError("Email or password is incorrect.");
    router.push("/dashboard");
    router.refresh();
  }

  return (
    <AuthCard title="Sign in" footer={<>New here? <AppLink className="font-medium text-brand-600" href="/sign-up">Create an account</AppLink></>}>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
        <Button type="submit" busy={busy}>Sign in</Button>
        {github && (
          <Button type="button" variant="secondary" onClick={() => signIn("github", { callbackUrl: "/dashboard" })}>Continue with GitHub</Button>
        )}
      </form>
    </AuthCard>
  );
}
