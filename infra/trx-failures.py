#!/usr/bin/env python3
"""Prints each test that did not pass in the given TRX files: its name, then the first lines of its message."""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
MAX_LINES = 6

for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") in ("Passed", "NotExecuted"):
            continue
        print(f"  FAILED {result.get('testName')} ({result.get('duration')})")
        message = result.find(".//t:Message", NS)
        lines = (message.text or "").strip().splitlines() if message is not None else []
        for line in lines[:MAX_LINES]:
            print(f"         {line}")
        if len(lines) > MAX_LINES:
            print(f"         ... ({len(lines) - MAX_LINES} more lines in tests/artifacts/test-results)")
