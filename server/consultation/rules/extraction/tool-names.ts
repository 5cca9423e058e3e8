/**
 * The names users call the systems behind registry tools ("Jira", "Postgres", "S3"), best
 * tool first, and the systems users name that the registry has no tool for. Registry
 * descriptions are searched too (tool-search.ts); these names add precision: a name alone
 * is enough to want the tool, a word from a description is not. A test checks every id.
 */
export const TOOL_NAMES: Record<string, string[]> = {
  mcp_atlassian: ["jira", "confluence", "atlassian", "jira ticket", "jira tickets", "jira issues"],
  mcp_github: ["github", "git hub", "github issues", "github repo", "github repos"],
  mcp_salesforce: ["salesforce", "sfdc", "salesforce crm"],
  mcp_google_drive: ["google drive", "gdrive", "google docs", "google sheets", "google sheet", "google spreadsheet", "shared drive", "shared drives"],
  mcp_dbhub: ["postgres", "postgresql", "mysql", "mariadb", "sql server", "mssql", "sqlite"],
  mcp_notion: ["notion"],
  mcp_slack: ["slack", "slack channel", "slack message"],
  use_aws: ["s3", "s3 bucket", "s3 buckets", "boto3"],
  mcp_cloudwatch: ["cloudwatch", "cloudwatch logs", "cloudwatch alarms"],
  mcp_cloudtrail: ["cloudtrail"],
  mcp_dynamodb: ["dynamodb"],
  mcp_aws_documentation: ["aws docs", "aws documentation"],
  mcp_aws_pricing: ["aws pricing", "aws prices", "pricing data"],
  mcp_supabase: ["supabase"],
  mcp_mongodb: ["mongodb", "mongo"],
  mcp_elasticsearch: ["elasticsearch", "elastic search"],
  tavily: ["tavily"],
  exa: ["exa"],
  mcp_brave_search: ["brave search"],
  mcp_firecrawl: ["firecrawl"],
  mcp_playwright: ["playwright"],
  mcp_context7: ["context7"],
  http_request: ["http tool", "http request tool", "http requests"],
  http_request_vended: ["http tool", "http request tool", "http requests"],
  bedrock_knowledge_base: ["bedrock knowledge base"],
  code_interpreter: ["code interpreter"],
};

/** Systems users name that no registry tool serves (checked 2026-12-04, registry/reference/mcp-servers.json). */
export const SYSTEMS_WITHOUT_TOOL = ["zendesk", "servicenow", "service now", "hubspot", "intercom", "freshdesk", "trello", "asana", "sharepoint", "microsoft teams", "outlook", "gmail", "shopify", "stripe", "twilio", "whatsapp", "monday.com", "airtable"];
