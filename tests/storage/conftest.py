"""A real S3-compatible server (moto's standalone server) on 127.0.0.1 for the S3 backend."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

S3_CREDENTIALS = {
    "region": "eu-west-1",
    "access_key": "ethicsdesk",
    "secret_key": "ethicsdesk-secret",
}


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """Start moto's S3 server once per run; missing test extras fail loudly, never skip."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as error:  # pragma: no cover - only without the test extras
        pytest.fail(f"S3 tests need moto[server] and boto3 (pip install -e '.[test]'): {error}")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint: str) -> str:
    """A fresh bucket per test, made with plain boto3 as an operator would."""
    import boto3

    name = f"ethicsdesk-{uuid.uuid4().hex[:12]}"
    client: Any = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=S3_CREDENTIALS["region"],
        aws_access_key_id=S3_CREDENTIALS["access_key"],
        aws_secret_access_key=S3_CREDENTIALS["secret_key"],
    )
    client.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": S3_CREDENTIALS["region"]}
    )
    return name
