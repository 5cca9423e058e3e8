"use client";

type PermissionCheck =
  | { simulated: true; principalArn: string; results: { action: string; decision: string }[] }
  | { simulated: false; principalArn: string; reason: string };

/** What the deploy role may do, per action, from IAM's policy simulator — or why it was not simulated. */
export function PermissionList({ check }: { check: PermissionCheck }) {
  if (!check.simulated) {
    return <p className="mt-2 text-xs text-amber-700" data-testid="deploy-permissions" data-simulated="false">Permissions {check.reason}</p>;
  }
  const denied = check.results.filter((r) => r.decision !== "allowed").length;
  return (
    <div className="mt-2 text-xs" data-testid="deploy-permissions" data-simulated="true">
      <p className={denied ? "font-medium text-red-700" : "text-slate-600"}>
        IAM policy simulation for <code>{check.principalArn}</code>: {denied ? `${denied} action(s) denied — Apply is blocked until they are allowed` : "every action the deploy needs is allowed"}
      </p>
      <ul className="mt-1 grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        {check.results.map((r) => (
          <li key={r.action} data-decision={r.decision} className={r.decision === "allowed" ? "text-emerald-700" : "text-red-700"}>
            {r.decision === "allowed" ? "✓" : "✗"} <code>{r.action}</code>{r.decision === "allowed" ? "" : ` (${r.decision})`}
          </li>
        ))}
      </ul>
    </div>
  );
}
