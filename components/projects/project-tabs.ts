/** The project page's tabs, in workflow order. Each later capability fills its tab. */
export const PROJECT_TABS = [
  { id: "consultation", label: "Consultation", blurb: "Describe your agent in a conversation; the spec fills in beside the chat." },
  { id: "models", label: "Models", blurb: "Recommended models from the registry, filters and a side-by-side comparison." },
  { id: "tools", label: "Tools", blurb: "Pick tools, see their resolved dependencies and platform warnings." },
  { id: "code", label: "Code", blurb: "The generated project in an editor, its versions, diffs and the ZIP download." },
  { id: "cost", label: "Cost", blurb: "The monthly cost before deploying, with its breakdown and optimisations." },
  { id: "testing", label: "Testing", blurb: "Run the agent in a sandbox and watch its output stream live." },
  { id: "deploy", label: "Deploy", blurb: "Deploy the generated project to AgentCore, ECS Fargate or Lambda." },
] as const;

export type ProjectTabId = (typeof PROJECT_TABS)[number]["id"];
export const isProjectTab = (v: string | null): v is ProjectTabId => PROJECT_TABS.some((t) => t.id === v);
