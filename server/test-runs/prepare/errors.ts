/** A run that cannot start: its dependencies or its build failed. The message is shown to the user. */
export class PrepareError extends Error {
  constructor(
    readonly status: "dependencies_failed" | "build_failed",
    message: string,
  ) {
    super(message);
    this.name = "PrepareError";
  }
}
