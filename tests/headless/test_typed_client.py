"""A real TypeScript client compiles against the OpenAPI document: types generated
with openapi-typescript, the consumer in tests/headless type-checked with tsc
(both pinned in package.json)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from wagtail import blocks

from stories.api.openapi import build_document
from stories.blocks import DescribedStructBlock
from tests.conftest import PROJECT_DIR

HERE = Path(__file__).resolve().parent


def npx(*args):
    """Run a tool pinned in package.json (never downloaded on the fly)."""
    return subprocess.run(
        ["npx", "--no", "--", *args],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture
def consumer(tmp_path):
    """The consumer and its tsconfig in a folder of their own."""
    for name in ("consumer.ts", "tsconfig.json"):
        shutil.copy(HERE / name, tmp_path / name)
    return tmp_path


def typecheck(folder, document):
    """Generate `api.d.ts` from the document, then type-check the consumer."""
    generated = npx("openapi-typescript", str(document), "-o", str(folder / "api.d.ts"))
    assert generated.returncode == 0, generated.stderr
    return npx("tsc", "-p", str(folder / "tsconfig.json"))


def test_the_consumer_compiles_against_the_exported_document(consumer, run_manage):
    document = consumer / "openapi.json"
    exported = run_manage("export_openapi_schema", str(document))
    assert exported.returncode == 0, exported.stderr

    result = typecheck(consumer, document)

    assert result.returncode == 0, result.stdout + result.stderr


def test_a_block_type_the_consumer_forgets_fails_to_compile(consumer, run_manage):
    source = consumer / "consumer.ts"
    lines = source.read_text().splitlines(keepends=True)
    source.write_text("".join(line for line in lines if 'case "quote"' not in line))
    document = consumer / "openapi.json"
    run_manage("export_openapi_schema", str(document))

    result = typecheck(consumer, document)

    assert result.returncode != 0
    assert 'type: "quote"' in result.stdout
    assert "not assignable to parameter of type 'never'" in result.stdout


def test_a_new_block_type_fails_to_compile_until_the_consumer_shows_it(
    consumer, story_body
):
    class SourceBlock(DescribedStructBlock):
        name = blocks.CharBlock()

    story_body("source", SourceBlock())
    document = consumer / "openapi.json"
    document.write_text(json.dumps(build_document()))

    result = typecheck(consumer, document)

    assert result.returncode != 0
    assert 'type: "source"' in result.stdout
