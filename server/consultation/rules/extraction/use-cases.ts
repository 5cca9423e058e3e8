import type { ToolIntentId } from "./tool-intents";

/**
 * The use cases the offline PM recognises. Each pattern that matches the user's words
 * adds its weight; the best score wins, ties go to the earlier entry. `implies` are tool
 * intents that the use case cannot work without (a research agent needs web search).
 */
export type UseCase = {
  id: string;
  /** Goes into `requirements.useCase`. */
  label: string;
  patterns: [RegExp, number][];
  /** Default agent name. */
  name: string;
  /** "You are …" — the role sentence of the composed system prompt. */
  role: string;
  guidelines: string[];
  implies: ToolIntentId[];
};

export const USE_CASES: UseCase[] = [
  {
    id: "customer-support",
    label: "Customer support",
    patterns: [[/\bcustomer (support|service|care|success)\b/, 3], [/\bsupport (agent|bot|assistant|tickets?|team|requests?|inbox)\b/, 2], [/\b(refunds?|order status|returns policy|shipping questions)\b/, 1], [/\b(our|the) customers'? (questions|inquiries|queries|issues)\b/, 2], [/\bhelp ?cent(er|re)\b/, 1], [/\bfaqs?\b/, 1], [/\b(patients|customers|clients|guests|buyers|shoppers)\b[^.;]{0,60}?\b(ask|get answers|chat)\b/, 2]],
    name: "support-agent",
    role: "a friendly, precise customer support agent",
    guidelines: ["Answer from the provided knowledge and say so when you do not know; never invent policies, prices or order details.", "Keep answers short and offer to hand over to a human for billing disputes, complaints or anything you cannot resolve."],
    implies: [],
  },
  {
    id: "research",
    label: "Research assistant",
    patterns: [[/\bresearch(er|ing)?\b/, 2], [/\b(literature|market) (review|research|scan)\b/, 2], [/\bcompetit(ive|or) (analysis|research|intelligence)\b/, 2], [/\b(latest|recent) (news|papers|developments|articles)\b/, 2], [/\bfind (and )?(summari[sz]e|compare) (sources|articles|papers)\b/, 2], [/\bcite (its |the )?sources\b/, 1]],
    name: "research-agent",
    role: "a careful research assistant",
    guidelines: ["Search before answering questions about current facts, and cite the sources you used.", "Separate what the sources say from your own summary, and flag conflicting or outdated information."],
    implies: ["web-search"],
  },
  {
    id: "data-analysis",
    label: "Data analysis",
    patterns: [[/\bdata analy(st|sis|tics)\b/, 3], [/\banaly[sz](e|es|ing) (our |the |my )?(data|datasets?|csvs?|spreadsheets?|sales|metrics|numbers|logs)\b/, 2], [/\b(csv|excel|xlsx|spreadsheets?|pandas|dataframes?)\b/, 1], [/\b(charts?|graphs?|plots?|visuali[sz]ations?|dashboards?)\b/, 1], [/\bstatistic(s|al)\b/, 1]],
    name: "data-analyst",
    role: "a data analyst who works by running code on the data",
    guidelines: ["Compute answers with code instead of estimating, and show the figures your conclusion rests on.", "State assumptions about the data (units, missing values, time ranges) before drawing conclusions."],
    implies: ["code-execution"],
  },
  {
    id: "devops",
    label: "DevOps assistant",
    patterns: [[/\bdev ?ops\b/, 3], [/\b(sre|site reliability|incidents?|outages?|pager ?duty|on-?call (rotation|engineers?|sre|schedule|pager|shift))\b/, 2], [/\bon-?call\b/, 1], [/\b(aws|cloud) (accounts?|resources|infrastructure|costs?|bill)\b/, 2], [/\b(ec2|s3 buckets?|cloudwatch|lambda functions|cloudformation|iam roles?|ecs services?)\b/, 2], [/\binfrastructure\b/, 1]],
    name: "devops-assistant",
    role: "a cautious DevOps assistant for AWS",
    guidelines: ["Prefer read-only inspection; describe any change you would make and ask for confirmation before making it.", "Name the exact resources, regions and commands involved so a human can verify them."],
    implies: ["aws"],
  },
  {
    id: "document-qa",
    label: "Document Q&A",
    patterns: [[/\b(document|pdf|doc) (q ?& ?a|question answering)\b/, 3], [/\b(questions?|q ?& ?a|answers?) (about|on|from|over) (our |the |my |internal |company )*(documents?|docs|pdfs?|manuals?|handbooks?|policies|policy documents|wiki|contracts?|reports?|files)\b/, 3], [/\bchat with (our |the |my )?(documents?|docs|pdfs?|files)\b/, 3], [/\b(internal|company) (documents?|docs|wiki|knowledge)\b/, 1], [/\b(handbook|manuals?|pdfs?)\b/, 1]],
    name: "docs-qa-agent",
    role: "an assistant that answers questions from the organisation's documents",
    guidelines: ["Answer only from the retrieved documents and name the document each answer comes from.", "If the documents do not cover the question, say so instead of guessing."],
    implies: ["knowledge-base"],
  },
  {
    id: "sql",
    label: "SQL assistant",
    patterns: [[/\bsql\b/, 3], [/\b(text|natural language)[- ]to[- ]sql\b/, 3], [/\b(postgres(ql)?|mysql|redshift|snowflake|bigquery|data warehouse|sqlite)\b/, 2], [/\b(query|queries|querying) (our |the |my )?(database|db|tables|warehouse)\b/, 2], [/\bdatabases?\b/, 1]],
    name: "sql-assistant",
    role: "a SQL assistant that turns questions into safe, read-only queries",
    guidelines: ["Inspect the schema before writing a query, and show the SQL you ran with the answer.", "Only run read-only statements; refuse to modify or delete data."],
    implies: ["database"],
  },
  {
    id: "meeting-summary",
    label: "Meeting summariser",
    patterns: [[/\bmeeting (notes|summar\w+|minutes|transcripts?|recordings?)\b/, 3], [/\b(summari[sz]e|summari[sz]es|summari[sz]ing|summary of) (\w+ )?(meetings?|calls?|transcripts?|standups?)\b/, 3], [/\baction items\b/, 2], [/\b(transcripts?|standups?|minutes)\b/, 1], [/\bmeetings?\b/, 1]],
    name: "meeting-summarizer",
    role: "a meeting summariser",
    guidelines: ["Produce a short summary, the decisions made and the action items with owners and dates when they are stated.", "Do not attribute statements to people unless the transcript names them."],
    implies: [],
  },
  {
    id: "coding",
    label: "Coding assistant",
    patterns: [[/\b(coding|programming|code) (assistant|agent|helper|copilot)\b/, 3], [/\bcode reviews?\b|\breview (our |my )?(code|pull requests?|prs)\b/, 3], [/\b(pull requests?|github issues|refactor\w*|unit tests|bugs? in (our |my )?code)\b/, 2], [/\b(repository|repo|codebase)\b/, 1]],
    name: "coding-assistant",
    role: "a senior software engineer who helps with code",
    guidelines: ["Explain the reasoning behind each suggested change and keep changes minimal.", "Point out security and correctness problems before style."],
    implies: [],
  },
  {
    id: "sales",
    label: "Sales assistant",
    patterns: [[/\bsales (assistant|agent|team|reps?|pipeline|calls?)\b/, 3], [/\b(leads?|prospects?|prospecting|crm|outreach|cold emails?)\b/, 2], [/\bsales\b/, 1]],
    name: "sales-assistant",
    role: "a sales assistant",
    guidelines: ["Base every claim about the product on the provided material.", "Keep messages short, personal and free of pressure tactics."],
    implies: [],
  },
  {
    id: "hr",
    label: "HR assistant",
    patterns: [[/\b(hr|human resources|people ops)\b/, 3], [/\b(onboarding|new hires?|employee (questions|handbook|benefits)|benefits|leave polic(y|ies)|pto|payroll)\b/, 2], [/\b(recruit\w*|resumes?|cvs?|candidates?|job descriptions?)\b/, 2]],
    name: "hr-assistant",
    role: "an HR assistant for employees",
    guidelines: ["Answer from the company's HR policies and point to the policy you used.", "Never share personal data about other employees; refer sensitive cases to the HR team."],
    implies: [],
  },
  {
    id: "content",
    label: "Content writing",
    patterns: [[/\b(blog posts?|articles?|copywriting|marketing copy|social media posts?|newsletters?|seo|product descriptions?|linkedin posts?)\b/, 2], [/\b(content|marketing) (writer|writing|team|agent|assistant)\b/, 3]],
    name: "content-writer",
    role: "a content writer",
    guidelines: ["Match the brand voice and audience the user gives, and keep facts to what the user provided.", "Offer a headline and a short outline before long drafts."],
    implies: [],
  },
  {
    id: "email",
    label: "Email assistant",
    patterns: [[/\b(inbox|email triage|triage (our |my )?emails?)\b/, 3], [/\b(drafts?|writes?|answers?|sorts?|triages?|categori[sz]es?|repl(y|ies) to) (\w+ )?(emails?|e-mails?)\b/, 2]],
    name: "email-assistant",
    role: "an email assistant",
    guidelines: ["Draft replies for review; never send on the user's behalf without confirmation.", "Summarise long threads before answering them."],
    implies: [],
  },
  {
    id: "tutor",
    label: "Tutor",
    patterns: [[/\b(tutor|tutoring|teaching assistant)\b/, 3], [/\b(students?|homework|lessons?|learners?|exam prep|quizz?(es)?)\b/, 2]],
    name: "tutor-agent",
    role: "a patient tutor",
    guidelines: ["Guide the learner to the answer with hints and questions before giving it away.", "Check understanding with a short question at the end."],
    implies: [],
  },
  {
    id: "legal",
    label: "Contract review",
    patterns: [[/\b(contract|legal) (review|analysis|assistant)\b/, 3], [/\breview(s|ing)? (\w+ ){0,3}(contracts?|ndas?|agreements?)\b/, 3], [/\b(clauses?|nda|ndas|legal|compliance|gdpr)\b/, 1]],
    name: "contract-reviewer",
    role: "a contract review assistant (not a lawyer)",
    guidelines: ["Quote the clause you are talking about and explain it in plain language.", "Flag unusual or risky terms and recommend a lawyer's review for decisions."],
    implies: [],
  },
  {
    id: "shopping",
    label: "Shopping assistant",
    patterns: [[/\b(e-?commerce|online (shop|store)|shopify|product recommendations?|shopping assistant)\b/, 3], [/\b(product catalog(ue)?|our products|shoppers)\b/, 2]],
    name: "shopping-assistant",
    role: "a helpful shopping assistant",
    guidelines: ["Recommend only products from the catalogue and never invent prices or stock levels.", "Ask about budget and preferences when a request is vague."],
    implies: [],
  },
  {
    id: "it-helpdesk",
    label: "IT helpdesk",
    patterns: [[/\bit (help ?desk|service desk|tickets?)\b|\bit support (team|tickets?|requests?|desk|agent|bot)\b|\binternal it\b/, 3], [/\b(password resets?|vpn|laptops?|printers?|wi-?fi issues)\b/, 2]],
    name: "it-helpdesk",
    role: "an IT helpdesk assistant",
    guidelines: ["Walk the user through fixes step by step and confirm each step worked.", "Escalate to a human for access requests, hardware faults and security incidents."],
    implies: [],
  },
  {
    id: "translation",
    label: "Translation",
    patterns: [[/\btranslat(e|es|ion|ing|or)\b/, 3], [/\blocali[sz](e|ation)\b/, 2]],
    name: "translator-agent",
    role: "a professional translator",
    guidelines: ["Keep meaning, tone and formatting; leave names, code and URLs untranslated.", "Mention ambiguities that change the meaning."],
    implies: [],
  },
  {
    id: "scheduling",
    label: "Scheduling assistant",
    patterns: [[/\b(calendar|scheduling|schedule meetings|appointments?|bookings?)\b/, 2], [/\b(free|open|available|appointment|time) slots?\b|\b(reception(ist)?|front desk)\b/, 1]],
    name: "scheduling-assistant",
    role: "a scheduling assistant",
    guidelines: ["Confirm date, time and time zone before booking anything.", "Propose alternatives when a slot is not available."],
    implies: [],
  },
  {
    id: "finance",
    label: "Finance assistant",
    patterns: [[/\b(invoices?|expenses?|expense reports?|receipts?|bookkeeping|accounting|accounts payable|reconcil\w*)\b/, 2]],
    name: "finance-assistant",
    role: "a meticulous finance assistant",
    guidelines: ["Show the figures and totals behind every answer and double-check arithmetic.", "Flag missing or inconsistent data rather than filling it in."],
    implies: [],
  },
  {
    id: "concierge",
    label: "Concierge",
    patterns: [[/\b(concierge|hotel guests?|hospitality|travel (agent|assistant|planner))\b/, 3], [/\b(guests?|travell?ers?|trips?|itinerar(y|ies))\b/, 1]],
    name: "concierge-agent",
    role: "a warm, well-informed concierge",
    guidelines: ["Recommend specific options with the practical details (where, when, price) that the user needs to act.", "Never confirm a booking or price you have not verified."],
    implies: [],
  },
  {
    id: "mcp-tools",
    label: "MCP tools agent",
    patterns: [[/\bmcp\b|\bmodel context protocol\b/, 3]],
    name: "mcp-tools-agent",
    role: "an assistant that uses the tools of connected MCP servers",
    guidelines: ["Pick the tool whose description fits the task, and explain what you did with it.", "Ask before calling tools that change data."],
    implies: ["mcp"],
  },
];

export function findUseCase(text: string): UseCase | undefined {
  let best: UseCase | undefined;
  let bestScore = 0;
  for (const useCase of USE_CASES) {
    const score = useCase.patterns.reduce((sum, [re, weight]) => sum + (re.test(text) ? weight : 0), 0);
    if (score > bestScore) {
      best = useCase;
      bestScore = score;
    }
  }
  return bestScore >= 2 ? best : undefined;
}
