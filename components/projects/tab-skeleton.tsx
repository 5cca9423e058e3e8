/**
 * What a project tab shows while its code loads: the size of a tab's first screen, so the
 * page below does not jump when the content arrives.
 */
export function TabSkeleton() {
  return (
    <div className="flex min-h-[28rem] flex-col gap-4" aria-busy="true" aria-label="Loading this tab" data-testid="tab-skeleton">
      <div className="h-10 w-1/3 animate-pulse rounded-md bg-slate-100" />
      <div className="flex-1 animate-pulse rounded-lg border border-slate-200 bg-slate-50" />
    </div>
  );
}
