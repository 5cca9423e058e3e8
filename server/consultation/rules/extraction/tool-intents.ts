import type { ToolCategory } from "../../../registry/schema";

/**
 * What a user asks an agent to be able to do, mapped to tools in the REAL registry.
 * `prefer` lists registry ids best first (a test checks each exists); when none of them
 * fits, the intent falls back to the active tool of `category` whose id, name or
 * description best matches `keywords`. An intent the registry cannot serve stays
 * unresolved and the PM says so. Nothing here invents a tool id.
 */
export type ToolIntent = {
  id: string;
  /** What the PM calls it when confirming ("web search"). */
  label: string;
  patterns: RegExp[];
  prefer: string[];
  category: ToolCategory;
  keywords: string[];
};

export const TOOL_INTENTS = [
  {
    id: "web-search",
    label: "web search",
    patterns: [/\b(search(es|ing)?|brows(e|es|ing)|look(s|ing)? (things )?up|find(s|ing)? (information|things|answers)?) (on |the |on the )*(web|internet|online)\b/, /\b(web|internet|online|google) search(es)?\b/, /\bsearch engines?\b|\bgoogle\b(?! (sheets?|spreadsheets?|drive|docs?|calendar|workspace|maps|analytics|ads|cloud|chat|meet|forms|slides|play)\b)|\bgoogl(es|ed|ing)\b|\btavily\b|\bbrave search\b/, /\b(up-to-date|current|real-time|latest) (information|news|events|facts|data from the web)\b/, /\b(research(es|ing)?|search(es|ing)?|look(s|ing)? up|find(s|ing)?|check(s|ing)?) (\S+ ){0,5}?(online|on the web|on the internet|on google)\b/],
    prefer: ["tavily", "exa", "mcp_tavily", "mcp_brave_search", "mcp_firecrawl"],
    category: "web",
    keywords: ["search"],
  },
  {
    id: "http",
    label: "HTTP requests to APIs",
    patterns: [/\b(call|calls|calling|hit|query|queries|use|uses|integrate with|talk to) (\S+ ){0,3}?(apis?|endpoints?|webhooks?|rest services?)\b/, /\brest apis?\b|\bhttp requests?\b/, /\b(through|via|using|with) (our |the |their |a |an )?([\w'-]+ ){0,2}(rest )?apis?\b/, /\bfetch(es|ing)? (web ?pages|urls|websites|pages)\b|\bscrap(e|es|ing)\b/],
    prefer: ["http_request", "http_request_vended", "mcp_fetch"],
    category: "web",
    keywords: ["http", "request", "fetch"],
  },
  {
    id: "knowledge-base",
    label: "a knowledge base of your documents",
    patterns: [/\bknowledge ?bases?\b|\bkb\b/, /\b(from|in|over|using|search(es|ing)?|answers? (questions )?(about|on)) (our |the |product |internal )*documentation\b/, /\bhelp ?cent(er|re) (articles|docs|content)\b/, /\b(internal|company|product) (documents|docs|wiki|manuals?)\b/, /\b(rag|retrieval|vector (store|search|database)|semantic search)\b/, /\b(from|in|over|using|search(es)?) (our |the |my )?(docs|documents|pdfs|manuals?|handbooks?|policies|policy documents|faqs?|wiki|articles)\b/],
    prefer: ["bedrock_knowledge_base", "mcp_bedrock_kb_retrieval"],
    category: "knowledge",
    keywords: ["knowledge base"],
  },
  {
    id: "code-execution",
    label: "running code in a sandbox",
    patterns: [/\b(run|runs|running|execute|executes|executing|write and run|writes and runs) (python |some |the |its own |small )?(code|scripts?|programs?|python)\b/, /\bcode (interpreter|execution|sandbox)\b|\bsandbox(ed)?\b/, /\bpandas\b|\bnumpy\b|\bmatplotlib\b/],
    prefer: ["code_interpreter", "python_repl", "shell_vended"],
    category: "code-execution",
    keywords: ["sandbox", "code"],
  },
  {
    id: "aws",
    label: "AWS API calls",
    patterns: [/\baws (apis?|resources|services|accounts?|cli|sdk|infrastructure|environment)\b/, /\b(ec2|s3 buckets?|cloudformation|iam (roles|policies|users)|dynamodb tables?|ecs services|lambda functions)\b/, /\b(manage|inspect|query|monitor|check) (our |my |the )?aws\b/],
    prefer: ["use_aws", "mcp_aws_api"],
    category: "aws",
    keywords: ["aws api"],
  },
  {
    id: "cloudwatch",
    label: "CloudWatch metrics, alarms and logs",
    patterns: [/\bcloudwatch\b|\blogs insights\b|\b(alarms|metrics and logs)\b/],
    prefer: ["mcp_cloudwatch"],
    category: "aws",
    keywords: ["cloudwatch"],
  },
  {
    id: "aws-docs",
    label: "AWS documentation",
    patterns: [/\baws (documentation|docs)\b/],
    prefer: ["mcp_aws_documentation", "mcp_aws_knowledge"],
    category: "knowledge",
    keywords: ["aws documentation"],
  },
  {
    id: "database",
    label: "SQL database queries",
    patterns: [/\bsql\b/, /\b(postgres(ql)?|mysql|sqlite|redshift|snowflake|bigquery|data warehouse)\b/, /\b(query|queries|querying|read from) (our |the |my )?(database|db|tables|warehouse)\b/, /\bdatabases?\b/],
    prefer: [],
    category: "data",
    keywords: ["sql database"],
  },
  {
    id: "supabase",
    label: "Supabase (Postgres)",
    patterns: [/\bsupabase\b/],
    prefer: ["mcp_supabase"],
    category: "data",
    keywords: ["supabase"],
  },
  {
    id: "mongodb",
    label: "MongoDB",
    patterns: [/\bmongo(db)?\b/],
    prefer: ["mcp_mongodb"],
    category: "data",
    keywords: ["mongodb"],
  },
  {
    id: "elasticsearch",
    label: "Elasticsearch",
    patterns: [/\belastic ?search\b/],
    prefer: ["mcp_elasticsearch"],
    category: "data",
    keywords: ["elasticsearch"],
  },
  {
    id: "files-read",
    label: "reading files",
    patterns: [/\b(read|reads|reading|open|opens) (local |our |the |uploaded )?files\b/, /\b(file ?system|local files|files on disk)\b/],
    prefer: ["file_read", "mcp_filesystem"],
    category: "file-system",
    keywords: ["read"],
  },
  {
    id: "files-write",
    label: "writing files",
    patterns: [/\b(write|writes|writing|save|saves|saving|create|creates) (the |its |local )?(files|reports? to disk|results to files)\b/],
    prefer: ["file_write", "file_editor"],
    category: "file-system",
    keywords: ["write"],
  },
  {
    id: "time",
    label: "the current date and time",
    patterns: [/\b(current|today's) (date|time)\b|\btime ?zones?\b|\bwhat time it is\b/],
    prefer: ["mcp_time"],
    category: "utilities",
    keywords: ["time"],
  },
  {
    id: "browser",
    label: "a web browser",
    patterns: [
      /\b(browser automation|headless browser|web browser|click(s|ing)? through (websites|pages)|fill(s|ing)? (in |out )?(web )?forms)\b/,
      // Visiting given sites, not searching the web: "browse competitor websites", "take screenshots of their pages".
      /\b(brows(e|es|ing)|visit(s|ing)?|navigat(e|es|ing)) (\S+ ){0,2}?(websites?|web ?sites?|web ?pages|sites|pages)\b/,
      /\b(take|takes|taking|capture|captures|capturing) screenshots?\b/,
    ],
    prefer: ["browser_agentcore", "browser_local", "mcp_playwright"],
    category: "web",
    keywords: ["browser"],
  },
  {
    id: "slack",
    label: "Slack",
    patterns: [/\bslack\b/],
    prefer: ["mcp_slack"],
    category: "communication",
    keywords: ["slack"],
  },
  {
    id: "notion",
    label: "Notion",
    patterns: [/\bnotion\b/],
    prefer: ["mcp_notion"],
    category: "knowledge",
    keywords: ["notion"],
  },
  {
    id: "email",
    label: "sending email",
    patterns: [/\bsend(s|ing)? (an? |the )?(emails?|e-mails?)\b/, /\bemail (notifications|alerts|the team)\b/],
    prefer: [],
    category: "communication",
    keywords: ["email"],
  },
  {
    id: "github",
    label: "GitHub",
    patterns: [/\bgithub\b/],
    prefer: [],
    category: "mcp",
    keywords: ["github"],
  },
  {
    id: "image-generation",
    label: "image generation",
    patterns: [/\b(generate|generates|create|creates|draw|draws) (\w+ )?(images?|pictures|illustrations|artwork)\b|\bimage generation\b/],
    prefer: ["generate_image"],
    category: "aws",
    keywords: ["image"],
  },
  {
    id: "mcp",
    label: "MCP servers",
    patterns: [/\bmcp( servers?| tools?)?\b|\bmodel context protocol\b/],
    prefer: ["mcp_client", "mcp_remote_http"],
    category: "mcp",
    keywords: ["mcp"],
  },
] as const satisfies readonly ToolIntent[];

export type ToolIntentId = (typeof TOOL_INTENTS)[number]["id"];
