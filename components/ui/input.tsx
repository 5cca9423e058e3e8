import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { cn } from "./cn";

/** A labelled input with its error below; the error is announced and tied to the input. */
export function Field({ label, error, hint, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; error?: string | null; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cn("rounded-md border bg-white px-3 py-2 text-sm shadow-xs outline-none focus:ring-2 focus:ring-brand-500", error ? "border-red-500" : "border-slate-300")}
        {...props}
      />
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      {error && <p id={`${id}-error`} role="alert" className="text-xs text-red-600">{error}</p>}
    </div>
  );
}
