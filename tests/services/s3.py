"""A real S3-compatible server on loopback (moto in server mode), with a bucket."""

import uuid

import boto3
from moto.server import ThreadedMotoServer

from tests.services.smtp import free_port

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
REGION = "eu-north-1"
PUBLIC_READ = """{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::%s/*"}]
}"""


class S3Server:
    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        # moto keeps buckets for the whole process: each server gets its own.
        self.bucket = f"interreg-media-{uuid.uuid4().hex[:8]}"
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port)

    def start(self):
        self.server.start()
        client = self.client()
        client.create_bucket(
            Bucket=self.bucket,
            CreateBucketConfiguration={"LocationConstraint": REGION},
        )
        # Readers fetch images straight from the bucket (README, "Media").
        client.put_bucket_policy(Bucket=self.bucket, Policy=PUBLIC_READ % self.bucket)
        return self

    def stop(self):
        self.server.stop()

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def objects(self):
        listing = self.client().list_objects_v2(Bucket=self.bucket)
        return [item["Key"] for item in listing.get("Contents", [])]

    def environment(self):
        """The environment variables that put the site's media in this bucket."""
        return {
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            **CREDENTIALS,
        }

    def storage_settings(self):
        """STORAGES["default"] as the settings build it from `environment()`."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": self.bucket,
                "endpoint_url": self.endpoint,
                "access_key": CREDENTIALS["AWS_ACCESS_KEY_ID"],
                "secret_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
                "region_name": REGION,
                "custom_domain": None,
                "querystring_auth": False,
                "file_overwrite": False,
            },
        }
