/**
 * The single DynamoDB table behind ElectroDB: pk/sk plus gsi1 and gsi2, on-demand, with
 * point-in-time recovery (35 days of restores) and server-side encryption under the AWS
 * managed key. PITR and billing are SST's defaults too; they are set here anyway so a change
 * of default in SST cannot switch them off. Postgres lives on Neon (DatabaseUrl secret).
 */
import { NAMES, TABLE } from "./config";

export function createTable(production: boolean) {
  return new sst.aws.Dynamo(NAMES.table, {
    fields: TABLE.fields,
    primaryIndex: TABLE.primaryIndex,
    globalIndexes: TABLE.globalIndexes,
    deletionProtection: production,
    transform: {
      table: (args) => {
        args.billingMode = TABLE.billingMode;
        args.pointInTimeRecovery = { enabled: TABLE.pointInTimeRecovery };
        args.serverSideEncryption = { enabled: true };
        return undefined;
      },
    },
  });
}
