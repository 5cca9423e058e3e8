import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, Service } from "electrodb";
import { ConversationMessageSchema, ProjectContextSchema } from "./entities/project-context";
import { EventCounterSchema, ProjectEventSchema } from "./entities/project-event";
import { ProjectFileSchema } from "./entities/project-file";
import { ModificationSchema } from "./entities/modification";
import { TemplateFileSchema, TemplateSchema } from "./entities/template";

/**
 * Binds the entity schemas to one client and table. New Entity instances per call, so
 * two services (e.g. in tests) never share a client.
 */
export function createDynamoService(client: DynamoDBClient, table: string) {
  // Optional fields of free-form payloads (events, artifacts) may be undefined: drop them rather than fail.
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true } });
  return new Service(
    {
      projectContext: new Entity(ProjectContextSchema),
      conversationMessage: new Entity(ConversationMessageSchema),
      projectFile: new Entity(ProjectFileSchema),
      modification: new Entity(ModificationSchema),
      template: new Entity(TemplateSchema),
      templateFile: new Entity(TemplateFileSchema),
      projectEvent: new Entity(ProjectEventSchema),
      eventCounter: new Entity(EventCounterSchema),
    },
    { client: documentClient, table },
  );
}

export type DynamoService = ReturnType<typeof createDynamoService>;
