#!/bin/bash
# Every example layout (configs/*.yaml and the ```yaml blocks of
# docs/config.md) is valid for the JSON Schema and for the compiler alike,
# and the schema rejects what it can see is wrong.
. "$SRCTREE/tests/gen/lib.sh"

dir=$(scratch_dir gen-json-schema)
# Documentation examples become files of their own.
/usr/bin/python3 - "$SRCTREE/docs/config.md" "$dir" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
for i, block in enumerate(re.findall(r'```yaml\n(.*?)```', text, re.S)):
    if block.lstrip().startswith('platform:'):
        open('%s/doc-example-%d.yaml' % (sys.argv[2], i), 'w').write(block)
PY
ls "$dir"/doc-example-*.yaml >/dev/null 2>&1 || fail "docs/config.md has no complete example"
for layout in "$SRCTREE"/configs/*.yaml "$dir"/doc-example-*.yaml; do
	"$BULKHEAD_SAN" check "$layout" --board "$BOARD_YAML" --cpus 4 || fail "the compiler rejects $layout"
done
/usr/bin/python3 - "$SRCTREE/docs/layout.schema.json" "$SRCTREE"/configs/*.yaml "$dir"/doc-example-*.yaml <<'PY' || fail "schema check"
import json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    errors = list(validator.iter_errors(yaml.safe_load(open(path))))
    if errors:
        sys.exit('%s: %s' % (path, errors[0].message))
bad = [
    {"platform": "qemu-virt", "hypervisor": {"memory": {"base": 0, "size": "64M"}}, "partitons": []},
    {"platform": "qemu-virt", "hypervisor": {"memory": {"base": 0, "size": "64Q"}}, "partitions": [{"name": "a"}]},
    {"platform": "qemu-virt", "hypervisor": {"memory": {"base": 0, "size": "64M"}},
     "partitions": [{"name": "a", "features": {"hide": ["svee"]}}]},
    {"platform": "qemu-virt", "hypervisor": {"memory": {"base": 0, "size": "64M"}},
     "partitions": [{"name": "a", "memory": [{"size": "16M", "access": "wx"}]}]},
]
for doc in bad:
    if validator.is_valid(doc):
        sys.exit('the schema accepts %s' % doc)
print('%d layouts valid, %d bad ones rejected' % (len(sys.argv) - 2, len(bad)))
PY
