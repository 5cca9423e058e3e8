/**
 * The Lambda side of the Python stand-ins (see python-fakes.ts): an in-memory DynamoDB client
 * in place of boto3, and a driver that invokes the generated lambda_handler step by step.
 */

/** boto3/__init__.py: an in-memory DynamoDB client with the conditions the generated stores use (anything else fails loudly). */
export const FAKE_BOTO3 = `
TABLES = {}


class ConditionalCheckFailedException(Exception):
    pass


class _Exceptions:
    ConditionalCheckFailedException = ConditionalCheckFailedException


def _holds(expression, current, values):
    if expression is None:
        return True
    if expression == "attribute_not_exists(pk)":
        return current is None
    if expression == "rev = :rev":
        return current is not None and current.get("rev") == values[":rev"]
    if expression == "attribute_not_exists(pk) OR version = :loaded":
        return current is None or current.get("version") == values[":loaded"]
    raise AssertionError(f"the stand-in does not know the condition {expression!r}")


class FakeDynamo:
    exceptions = _Exceptions

    def get_item(self, TableName, Key, ConsistentRead=False):
        item = TABLES.setdefault(TableName, {}).get(Key["pk"]["S"])
        return {"Item": item} if item is not None else {}

    def put_item(self, TableName, Item, ConditionExpression=None, ExpressionAttributeValues=None):
        table = TABLES.setdefault(TableName, {})
        if not _holds(ConditionExpression, table.get(Item["pk"]["S"]), ExpressionAttributeValues or {}):
            raise ConditionalCheckFailedException()
        table[Item["pk"]["S"]] = Item

    def delete_item(self, TableName, Key, ConditionExpression=None, ExpressionAttributeValues=None):
        table = TABLES.setdefault(TableName, {})
        if not _holds(ConditionExpression, table.get(Key["pk"]["S"]), ExpressionAttributeValues or {}):
            raise ConditionalCheckFailedException()
        table.pop(Key["pk"]["S"], None)


def client(name, **kwargs):
    assert name == "dynamodb"
    return FakeDynamo()
`;

/**
 * Drives lambda_handler.handler through steps read as JSON from stdin, in one process (as one
 * warm Lambda): {"event": {...}} invokes it ("$last" in a string is the id of the last approval
 * answered), {"advance": seconds} moves the clock, {"dump": true} records the table's items.
 * Prints {"responses": [{status, body} | {table}], ...}.
 */
export const LAMBDA_DRIVER = `
import copy, json, sys, time

real_time = time.time
offset = [0.0]
time.time = lambda: real_time() + offset[0]

import boto3
import lambda_handler

responses, last = [], [None]


def filled(value):
    if isinstance(value, str):
        return value.replace("$last", last[0] or "")
    if isinstance(value, dict):
        return {k: filled(v) for k, v in value.items()}
    return value


for step in json.load(sys.stdin):
    if "advance" in step:
        offset[0] += step["advance"]
        continue
    if "dump" in step:
        responses.append({"table": copy.deepcopy(boto3.TABLES), "now": time.time()})
        continue
    response = lambda_handler.handler(filled(step["event"]), None)
    body = json.loads(response["body"]) if "body" in response else response
    if body.get("approvals"):
        last[0] = body["approvals"][0]["id"]
    responses.append({"status": response["statusCode"], "body": body})
print(json.dumps({"responses": responses}, default=str))
`;
