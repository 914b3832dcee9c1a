#!/usr/bin/env python3
"""Seeds a DynamoDB table with boto3's batch_writer, the usual Python way, for
comparison with `tablewright seed`. Reads the items `tablewright sample --format
dynamodb-json` wrote (one {"Item": ...} per line); only the writing is timed.
Prints one JSON line: {"items": N, "seconds": S, "items_per_second": R}."""

import argparse
import json
import time

import boto3
from boto3.dynamodb.types import TypeDeserializer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--table", required=True)
    parser.add_argument("--file", required=True, help="DynamoDB JSON lines")
    args = parser.parse_args()

    deserializer = TypeDeserializer()
    with open(args.file, encoding="utf-8") as f:
        items = [
            {k: deserializer.deserialize(v) for k, v in json.loads(line)["Item"].items()}
            for line in f
            if line.strip()
        ]

    # DynamoDB Local takes any key id made of letters and digits.
    dynamodb = boto3.resource(
        "dynamodb",
        endpoint_url=args.endpoint,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
    )
    table = dynamodb.Table(args.table)
    start = time.perf_counter()
    with table.batch_writer() as writer:
        for item in items:
            writer.put_item(Item=item)
    seconds = time.perf_counter() - start
    print(json.dumps({"items": len(items), "seconds": seconds, "items_per_second": len(items) / seconds}))


if __name__ == "__main__":
    main()
