"use client";

import { useMutation } from "@tanstack/react-query";
import { AppLink } from "../ui/app-link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { fieldError } from "../ui/errors";
import { Field } from "../ui/input";
import { AuthCard } from "./auth-card";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "").trim() || undefined;
    try {
      await signUp.mutateAsync({ email, password, name });
    } catch {
      return; // the mutation's error state renders the message
    }
    const result = await signIn("credentials", { redirect: false, email, password });
    if (!result || result.error) return setSignInError("Your account was created, but signing in failed. Try signing in.");
    router.push("/dashboard");
    router.refresh();
  }

  const generic = signUp.error && !fieldError(signUp.error, "email") && !fieldError(signUp.error, "password") ? signUp.error.message : null;
  return (
    <AuthCard title="Create your account" footer={<>Already have an account? <AppLink className="font-medium text-brand-600" href="/sign-in">Sign in</AppLink></>}>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <Field label="Name (optional)" name="name" autoComplete="name" />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldError(signUp.error, "email")} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 8 characters." error={fieldError(signUp.error, "password")} />
        {(generic || signInError) && <p role="alert" className="text-sm text-red-600">{generic ?? signInError}</p>}
        <Button type="submit" busy={signUp.isPending}>Create account</Button>
      </form>
    </AuthCard>
  );
}
