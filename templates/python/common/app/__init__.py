"""The agent package: prompts, configuration, model, tools, security and observability."""
